package consistency_test

import (
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	_ "github.com/xmpplint/xmpplint/lints/consistency"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// otherName SAN entries as Prosody's openssl.cnf writes them (FORMAT:UTF8 dropped:
// on the command line its comma would split the SAN list).
const (
	srvServer = "otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org"
	srvClient = "otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-client.example.org"
	xmppAddr  = "otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org"
	userAddr  = "otherName:1.3.6.1.5.5.7.8.5;UTF8:admin@example.org"
)

// TestOpenSSLCertificates checks the consistency lints on certificates
// made by the real `openssl req -x509 -addext`, the way a new user makes
// them.
func TestOpenSSLCertificates(t *testing.T) {
	ossltest.Require(t)
	tests := []struct {
		name  string
		san   string
		scope xmpp.Scope
		want  map[string]lint.LintStatus
	}{
		{"prosody-style-complete", "subjectAltName=DNS:example.org," + srvServer + "," + srvClient + "," + xmppAddr, "", map[string]lint.LintStatus{
			"w_xmpp_srvid_without_dnsid":              lint.Pass,
			"w_xmpp_xmppaddr_without_dnsid":           lint.Pass,
			"n_xmpp_srvid_client_only":                lint.Pass,
			"n_xmpp_mixed_user_and_server_identities": lint.NA,
		}},
		{"srvid-and-xmppaddr-no-dnsid", "subjectAltName=" + srvServer + "," + srvClient + "," + xmppAddr, "", map[string]lint.LintStatus{
			"w_xmpp_srvid_without_dnsid":    lint.Warn,
			"w_xmpp_xmppaddr_without_dnsid": lint.Pass,
			"n_xmpp_srvid_client_only":      lint.Pass,
		}},
		{"xmppaddr-only", "subjectAltName=" + xmppAddr, "", map[string]lint.LintStatus{
			"w_xmpp_xmppaddr_without_dnsid": lint.Warn,
			"w_xmpp_srvid_without_dnsid":    lint.NA,
		}},
		{"client-srvid-only", "subjectAltName=" + srvClient, "", map[string]lint.LintStatus{
			"n_xmpp_srvid_client_only":   lint.Notice,
			"w_xmpp_srvid_without_dnsid": lint.Warn,
		}},
		{"client-srvid-only-c2s", "subjectAltName=" + srvClient, xmpp.ScopeC2S, map[string]lint.LintStatus{
			"n_xmpp_srvid_client_only":   lint.NA,
			"w_xmpp_srvid_without_dnsid": lint.NA,
		}},
		{"mixed", "subjectAltName=DNS:example.org," + srvServer + "," + userAddr, "", map[string]lint.LintStatus{
			"n_xmpp_mixed_user_and_server_identities": lint.Notice,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert, _ := ossltest.SelfSigned(t, "/CN=example.org", tc.san)
			opts, err := xmpp.Options{Scope: tc.scope}.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.want)
		})
	}
}
