package domain_test

import (
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	_ "github.com/xmpplint/xmpplint/lints/domain"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestOpenSSLMade checks each identity lint on a certificate made with the
// real `openssl req -x509 -addext`, as a user would make it.
func TestOpenSSLMade(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	const ee = "basicConstraints=critical,CA:FALSE"
	tests := []struct {
		name    string
		subj    string
		san     string
		opts    xmpp.Options
		lint    string
		want    lint.LintStatus
		passing string // a lint that must pass on the same certificate, if any
	}{
		{"no-identity", "/CN=x", "subjectAltName=DNS:other.example", xmpp.Options{Domains: []string{"example.org"}},
			"e_xmpp_no_identity_for_domain", lint.Error, ""},
		{"dnsid", "/CN=x", "subjectAltName=DNS:example.org", xmpp.Options{Domains: []string{"Example.ORG."}},
			"e_xmpp_no_identity_for_domain", lint.Pass, "w_xmpp_domain_only_via_srvid"},
		{"only-xmppaddr", "/", "subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org", xmpp.Options{Domains: []string{"example.org"}},
			"w_xmpp_domain_only_via_xmppaddr", lint.Warn, "e_xmpp_no_identity_for_domain"},
		{"only-srvid", "/", "subjectAltName=otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org", xmpp.Options{Domains: []string{"example.org"}},
			"w_xmpp_domain_only_via_srvid", lint.Warn, "e_xmpp_no_identity_for_domain"},
		{"only-cn", "/CN=example.org", "", xmpp.Options{Domains: []string{"example.org"}},
			"w_xmpp_domain_only_via_cn", lint.Warn, ""},
		{"wildcard-parent", "/CN=x", "subjectAltName=DNS:*.example.org", xmpp.Options{Domains: []string{"example.org"}},
			"w_xmpp_domain_only_via_wildcard_parent", lint.Warn, ""},
		{"wildcard-child", "/CN=x", "subjectAltName=DNS:*.example.org", xmpp.Options{Domains: []string{"chat.example.org"}},
			"e_xmpp_no_identity_for_domain", lint.Pass, ""},
		{"idn-u-label-dnsid", "/CN=x", "subjectAltName=DNS:bücher.example", xmpp.Options{Domains: []string{"xn--bcher-kva.example"}},
			"n_xmpp_domain_idn_form_mismatch", lint.Notice, ""},
		{"idn-a-label-dnsid", "/CN=x", "subjectAltName=DNS:xn--bcher-kva.example", xmpp.Options{Domains: []string{"bücher.example"}},
			"n_xmpp_domain_idn_form_mismatch", lint.Pass, "e_xmpp_no_identity_for_domain"},
		{"srv-target", "/CN=x", "subjectAltName=DNS:xmpp.hosting.example",
			xmpp.Options{Domains: []string{"example.org"}, SRVTargets: []string{"xmpp.hosting.example"}},
			"w_xmpp_identity_is_srv_target_not_source", lint.Warn, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			exts := []string{ee}
			if tc.san != "" {
				exts = append(exts, tc.san)
			}
			c, _ := ossltest.SelfSigned(t, tc.subj, exts...)
			v := xmpptest.Parse(t, c, tc.opts)
			run := func(name string, want lint.LintStatus) {
				info, ok := xmpp.Lookup(name)
				if !ok {
					t.Fatalf("%s not registered", name)
				}
				if res := info.Run(v); res.Status != want {
					t.Errorf("%s = %s (%s), want %s", name, res.Status, res.Details, want)
				} else if res.Status > lint.Pass {
					t.Logf("%s: %s", name, res.Details)
				}
			}
			run(tc.lint, tc.want)
			if tc.passing != "" {
				run(tc.passing, lint.Pass)
			}
		})
	}
}
