package webpki_test

import (
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	_ "github.com/xmpplint/xmpplint/lints/webpki"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestOpenSSLCertificates checks the webpki lints on certificates made by
// the real `openssl req -x509 -addext`, the way a new user makes them.
func TestOpenSSLCertificates(t *testing.T) {
	ossltest.Require(t)
	const ee = "basicConstraints=critical,CA:FALSE"
	tests := []struct {
		name string
		exts []string
		want map[string]lint.LintStatus
	}{
		{"lets-encrypt-style-2025", []string{ee, "subjectAltName=DNS:example.org", "extendedKeyUsage=serverAuth,clientAuth"}, map[string]lint.LintStatus{
			"e_xmpp_webpki_xmpp_othername":     lint.Pass,
			"n_xmpp_webpki_client_auth_sunset": lint.Notice,
		}},
		{"server-auth-only", []string{ee, "subjectAltName=DNS:example.org", "extendedKeyUsage=serverAuth"}, map[string]lint.LintStatus{
			"e_xmpp_webpki_xmpp_othername":     lint.Pass,
			"n_xmpp_webpki_client_auth_sunset": lint.Pass,
		}},
		{"no-eku", []string{ee, "subjectAltName=DNS:example.org"}, map[string]lint.LintStatus{
			"n_xmpp_webpki_client_auth_sunset": lint.NA,
		}},
		{"srvname-and-xmppaddr", []string{
			"subjectAltName=DNS:example.org,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org,otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org",
			"extendedKeyUsage=serverAuth,clientAuth",
		}, map[string]lint.LintStatus{
			"e_xmpp_webpki_xmpp_othername":     lint.Error,
			"n_xmpp_webpki_client_auth_sunset": lint.Notice,
		}},
		{"client-xmppaddr", []string{ee, "subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:juliet@example.org", "extendedKeyUsage=clientAuth"}, map[string]lint.LintStatus{
			"e_xmpp_webpki_xmpp_othername":     lint.Error,
			"n_xmpp_webpki_client_auth_sunset": lint.NA,
		}},
		{"ca", []string{"basicConstraints=critical,CA:TRUE"}, map[string]lint.LintStatus{
			"e_xmpp_webpki_xmpp_othername":     lint.NA,
			"n_xmpp_webpki_client_auth_sunset": lint.NA,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert, _ := ossltest.SelfSigned(t, "/O=xmpplint test", tc.exts...)
			opts, err := xmpp.DefaultOptions().Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.want)
		})
	}
}
