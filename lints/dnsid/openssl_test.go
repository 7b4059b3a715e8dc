package dnsid_test

import (
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	_ "github.com/xmpplint/xmpplint/lints/dnsid"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestOpenSSLCertificates checks the DNS-ID lints on certificates made by
// the real `openssl req -x509 -addext`, the way a new user makes them.
func TestOpenSSLCertificates(t *testing.T) {
	ossltest.Require(t)
	const ee = "basicConstraints=critical,CA:FALSE"
	tests := []struct {
		name string
		san  string
		want map[string]lint.LintStatus
	}{
		{"valid", "subjectAltName=DNS:example.org,DNS:*.example.org", map[string]lint.LintStatus{
			"e_xmpp_dnsid_wildcard_not_leftmost": lint.Pass,
			"n_xmpp_dnsid_wildcard":              lint.Notice,
			"w_xmpp_dnsid_not_lowercase":         lint.Pass,
			"w_xmpp_dnsid_trailing_dot":          lint.Pass,
			"e_xmpp_dnsid_malformed":             lint.Pass,
		}},
		{"wildcard-inner", "subjectAltName=DNS:example.org,DNS:xmpp.*.example.org", map[string]lint.LintStatus{
			"e_xmpp_dnsid_wildcard_not_leftmost": lint.Error,
			"n_xmpp_dnsid_wildcard":              lint.Pass,
		}},
		{"wildcard-partial", "subjectAltName=DNS:xmpp*.example.org", map[string]lint.LintStatus{
			"e_xmpp_dnsid_wildcard_not_leftmost": lint.Error,
		}},
		{"wildcard-whole", "subjectAltName=DNS:*.", map[string]lint.LintStatus{
			"e_xmpp_dnsid_wildcard_not_leftmost": lint.Error,
			"w_xmpp_dnsid_trailing_dot":          lint.Warn,
		}},
		{"upper-case-trailing-dot", "subjectAltName=DNS:Example.ORG.", map[string]lint.LintStatus{
			"w_xmpp_dnsid_not_lowercase": lint.Warn,
			"w_xmpp_dnsid_trailing_dot":  lint.Warn,
			"e_xmpp_dnsid_malformed":     lint.Pass,
		}},
		{"u-label", "subjectAltName=DNS:bücher.example", map[string]lint.LintStatus{
			"e_xmpp_dnsid_malformed": lint.Error,
		}},
		{"srv-owner-name", "subjectAltName=DNS:_xmpp-server._tcp.example.org", map[string]lint.LintStatus{
			"e_xmpp_dnsid_malformed": lint.Error,
		}},
		{"jid", "subjectAltName=DNS:admin@example.org", map[string]lint.LintStatus{
			"e_xmpp_dnsid_malformed": lint.Error,
		}},
		{"no-dnsname", "subjectAltName=otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org", map[string]lint.LintStatus{
			"e_xmpp_dnsid_wildcard_not_leftmost": lint.NA,
			"n_xmpp_dnsid_wildcard":              lint.NA,
			"w_xmpp_dnsid_not_lowercase":         lint.NA,
			"w_xmpp_dnsid_trailing_dot":          lint.NA,
			"e_xmpp_dnsid_malformed":             lint.NA,
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert, _ := ossltest.SelfSigned(t, "/O=xmpplint test", ee, tc.san)
			opts, err := xmpp.DefaultOptions().Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.want)
		})
	}
}
