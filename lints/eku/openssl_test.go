package eku_test

import (
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Extensions for `openssl req -x509 -addext`.
const (
	osslEndEntity = "basicConstraints=critical,CA:FALSE"
	osslKU        = "keyUsage=critical,digitalSignature"
	osslServerSAN = "subjectAltName=DNS:example.org,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org"
	osslClientSAN = "subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:juliet@example.org"
)

// TestOpenSSLMadeCertificates lints certificates made by the real
// `openssl req -x509 -addext`, as a user would make them, and checks what
// each lint of section A says.
func TestOpenSSLMadeCertificates(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	server := func(eku ...string) []string {
		return append([]string{osslEndEntity, osslKU, osslServerSAN}, eku...)
	}
	client := func(eku ...string) []string {
		return append([]string{osslEndEntity, osslKU, osslClientSAN}, eku...)
	}
	for _, tc := range []struct {
		name  string
		subj  string
		exts  []string
		scope xmpp.Scope
		want  map[string]lint.LintStatus
	}{
		{"server serverAuth+clientAuth", "/O=xmpplint", server("extendedKeyUsage=serverAuth,clientAuth"), "", map[string]lint.LintStatus{
			"e_xmpp_server_eku_missing_server_auth": lint.Pass,
			"e_xmpp_server_eku_client_auth_only":    lint.Pass,
			"w_xmpp_s2s_eku_missing_client_auth":    lint.Pass,
			"w_xmpp_server_eku_absent":              lint.Pass,
			"e_xmpp_eku_any_without_purpose":        lint.Pass,
			"n_xmpp_eku_xmppaddr_purpose":           lint.Pass,
			"e_xmpp_client_eku_missing_client_auth": lint.NA,
		}},
		{"server serverAuth only", "/O=xmpplint", server("extendedKeyUsage=serverAuth"), "", map[string]lint.LintStatus{
			"w_xmpp_s2s_eku_missing_client_auth": lint.Warn,
			"e_xmpp_server_eku_client_auth_only": lint.Pass,
		}},
		{"server serverAuth only, c2s", "/O=xmpplint", server("extendedKeyUsage=serverAuth"), xmpp.ScopeC2S, map[string]lint.LintStatus{
			"w_xmpp_s2s_eku_missing_client_auth": lint.NA,
		}},
		{"server clientAuth only", "/O=xmpplint", server("extendedKeyUsage=clientAuth"), "", map[string]lint.LintStatus{
			"e_xmpp_server_eku_client_auth_only":    lint.Error,
			"e_xmpp_server_eku_missing_server_auth": lint.Pass,
		}},
		{"server codeSigning", "/O=xmpplint", server("extendedKeyUsage=codeSigning"), "", map[string]lint.LintStatus{
			"e_xmpp_server_eku_missing_server_auth": lint.Error,
		}},
		{"server without EKU", "/O=xmpplint", server(), "", map[string]lint.LintStatus{
			"w_xmpp_server_eku_absent":              lint.Warn,
			"e_xmpp_server_eku_missing_server_auth": lint.NA,
		}},
		{"plain openssl req -x509 with an SRV-ID (cA=TRUE, no EKU)", "/CN=example.org", []string{osslServerSAN}, "", map[string]lint.LintStatus{
			"w_xmpp_server_eku_absent": lint.Warn,
		}},
		{"server anyExtendedKeyUsage", "/O=xmpplint", server("extendedKeyUsage=anyExtendedKeyUsage"), "", map[string]lint.LintStatus{
			"e_xmpp_eku_any_without_purpose":        lint.Error,
			"e_xmpp_server_eku_missing_server_auth": lint.Pass,
			"w_xmpp_eku_critical_with_any":          lint.Pass,
		}},
		{"server critical anyExtendedKeyUsage+serverAuth+clientAuth", "/O=xmpplint", server("extendedKeyUsage=critical,anyExtendedKeyUsage,serverAuth,clientAuth"), "", map[string]lint.LintStatus{
			"w_xmpp_eku_critical_with_any":    lint.Warn,
			"n_xmpp_eku_any_with_server_auth": lint.Notice,
			"e_xmpp_eku_any_without_purpose":  lint.Pass,
		}},
		{"server id-on-xmppAddr purpose", "/O=xmpplint", server("extendedKeyUsage=serverAuth,clientAuth,1.3.6.1.5.5.7.8.5"), "", map[string]lint.LintStatus{
			"n_xmpp_eku_xmppaddr_purpose": lint.Notice,
		}},
		{"client serverAuth only", "/CN=Juliet", client("extendedKeyUsage=serverAuth"), "", map[string]lint.LintStatus{
			"e_xmpp_client_eku_missing_client_auth": lint.Error,
			"e_xmpp_server_eku_missing_server_auth": lint.NA,
		}},
		{"client anyExtendedKeyUsage", "/CN=Juliet", client("extendedKeyUsage=anyExtendedKeyUsage"), "", map[string]lint.LintStatus{
			"e_xmpp_eku_any_without_purpose":        lint.Error,
			"e_xmpp_client_eku_missing_client_auth": lint.Pass,
		}},
		{"client id-on-xmppAddr purpose only", "/CN=Juliet", client("extendedKeyUsage=1.3.6.1.5.5.7.8.5"), "", map[string]lint.LintStatus{
			"n_xmpp_eku_xmppaddr_purpose":           lint.Notice,
			"e_xmpp_client_eku_missing_client_auth": lint.Error,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert, _ := ossltest.SelfSigned(t, tc.subj, tc.exts...)
			opts, err := xmpp.Options{Scope: tc.scope}.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.want)
		})
	}
}
