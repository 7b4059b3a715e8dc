package cnid_test

import (
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	_ "github.com/xmpplint/xmpplint/lints/cnid"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestOpenSSLCertificates checks the CN-ID lints on certificates made by
// the real `openssl req -x509 -subj ... -addext`, the way a new user makes
// them. openssl's default configuration marks such a certificate cA=TRUE:
// with role auto, a certificate without SRV-ID or XmppAddr is then a CA
// certificate and the server lints are NA, so the rows say what the user
// would: CA:FALSE, or role server.
func TestOpenSSLCertificates(t *testing.T) {
	ossltest.Require(t)
	const ee = "basicConstraints=critical,CA:FALSE"
	tests := []struct {
		name string
		subj string
		exts []string
		role xmpp.Role
		want map[string]lint.LintStatus
	}{
		{"cn-only", "/CN=example.org", []string{ee}, "", map[string]lint.LintStatus{
			"e_xmpp_server_no_san_identity": lint.Error,
			"w_xmpp_cn_not_in_san":          lint.Warn,
			"n_xmpp_cn_present":             lint.Notice,
		}},
		{"cn-only-default-ca-true-role-server", "/CN=example.org", nil, xmpp.RoleServer, map[string]lint.LintStatus{
			"e_xmpp_server_no_san_identity": lint.Error,
			"w_xmpp_cn_not_in_san":          lint.Warn,
		}},
		{"cn-only-default-ca-true-role-auto", "/CN=example.org", nil, "", map[string]lint.LintStatus{
			"e_xmpp_server_no_san_identity": lint.NA,
			"w_xmpp_cn_not_in_san":          lint.NA,
			"n_xmpp_cn_present":             lint.NA,
		}},
		{"cn-in-san", "/CN=example.org", []string{ee, "subjectAltName=DNS:example.org"}, "", map[string]lint.LintStatus{
			"e_xmpp_server_no_san_identity": lint.Pass,
			"w_xmpp_cn_not_in_san":          lint.Pass,
			"n_xmpp_cn_present":             lint.Notice,
		}},
		{"cn-other-name", "/CN=xmpp.example.org", []string{ee, "subjectAltName=DNS:example.org,DNS:*.example.org"}, "", map[string]lint.LintStatus{
			"w_xmpp_cn_not_in_san": lint.Warn,
		}},
		{"srvid-only-prosody-style", "/CN=example.org", []string{"subjectAltName=otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org,otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org"}, "", map[string]lint.LintStatus{
			"e_xmpp_server_no_san_identity": lint.Pass,
			"w_xmpp_cn_not_in_san":          lint.Warn,
		}},
		{"no-subject-no-san", "/", []string{ee}, "", map[string]lint.LintStatus{
			"e_xmpp_server_no_san_identity": lint.Error,
			"w_xmpp_cn_not_in_san":          lint.NA,
			"n_xmpp_cn_present":             lint.Pass,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert, _ := ossltest.SelfSigned(t, tc.subj, tc.exts...)
			opts, err := xmpp.Options{Role: tc.role}.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.want)
		})
	}
}
