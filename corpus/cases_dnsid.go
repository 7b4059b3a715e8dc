package corpus

import "strings"

// dnsidCases exercise the lints of rules.md section E. DNS-ID
var dnsidCases = []Case{
	{
		Name:  "dnsid-wildcard-inner-label",
		About: "a DNS-ID with '*' as an inner label (xmpp.*.example.org), next to a valid DNS-ID",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("xmpp.*.example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_wildcard_not_leftmost": Error,
			"n_xmpp_dnsid_wildcard":              Pass,
			"e_xmpp_dnsid_malformed":             Pass,
			"w_xmpp_dnsid_not_lowercase":         Pass,
			"w_xmpp_dnsid_trailing_dot":          Pass,
		},
	},
	{
		Name:  "dnsid-wildcard-partial-label",
		About: "a partial-label wildcard DNS-ID (xmpp*.example.org), which RFC 9525 no longer matches",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("xmpp*.example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_wildcard_not_leftmost": Error,
			"n_xmpp_dnsid_wildcard":              Pass,
		},
	},
	{
		Name:  "dnsid-wildcard-two-stars",
		About: "a DNS-ID with two wildcard labels (*.*.example.org)",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("*.*.example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_wildcard_not_leftmost": Error,
			"n_xmpp_dnsid_wildcard":              Pass,
		},
	},
	{
		Name:  "dnsid-wildcard-whole-name",
		About: "a DNS-ID that is a lone '*' with a trailing dot ('*.'), a wildcard over everything",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("*."))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_wildcard_not_leftmost": Error,
			"n_xmpp_dnsid_wildcard":              Pass,
			"w_xmpp_dnsid_trailing_dot":          Warn,
		},
	},
	{
		Name:  "dnsid-wildcard-parent-only",
		About: "the only DNS-ID is *.example.org, which never matches the XMPP domain example.org itself",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("*.example.org"), SRV("_xmpp-server.example.org"), SRV("_xmpp-client.example.org")}
		},
		Expect: map[string]Status{
			"n_xmpp_dnsid_wildcard":              Notice,
			"e_xmpp_dnsid_wildcard_not_leftmost": Pass,
			"e_xmpp_dnsid_malformed":             Pass,
		},
	},
	{
		Name:  "dnsid-wildcard-with-domain",
		About: "DNS-IDs example.org and *.example.org: the wildcard covers the subdomains, the plain DNS-ID the XMPP domain",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("*.example.org"))
		},
		Expect: map[string]Status{
			"n_xmpp_dnsid_wildcard":              Notice,
			"e_xmpp_dnsid_wildcard_not_leftmost": Pass,
		},
	},
	{
		Name:  "dnsid-uppercase",
		About: "a DNS-ID in mixed case (Example.ORG), which ejabberd compares byte for byte",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs[0] = DNS("Example.ORG")
		},
		Expect: map[string]Status{
			"w_xmpp_dnsid_not_lowercase": Warn,
			"e_xmpp_dnsid_malformed":     Pass,
			"w_xmpp_dnsid_trailing_dot":  Pass,
		},
	},
	{
		Name:  "dnsid-trailing-dot",
		About: "a DNS-ID written as an absolute name (example.org.), which XMPP servers never match",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs[0] = DNS("example.org.")
		},
		Expect: map[string]Status{
			"w_xmpp_dnsid_trailing_dot":          Warn,
			"e_xmpp_dnsid_malformed":             Pass,
			"w_xmpp_dnsid_not_lowercase":         Pass,
			"e_xmpp_dnsid_wildcard_not_leftmost": Pass,
		},
	},
	{
		Name:  "dnsid-u-label",
		About: "an IDN written as a U-label in dNSName (bücher.example) instead of its A-label xn--bcher-kva.example",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("bücher.example"), SRV("_xmpp-server.xn--bcher-kva.example")}
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed":     Error,
			"w_xmpp_dnsid_not_lowercase": Pass,
		},
	},
	{
		Name:  "dnsid-a-label",
		About: "an IDN written correctly as an A-label in dNSName (xn--bcher-kva.example)",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("xn--bcher-kva.example"), SRV("_xmpp-server.xn--bcher-kva.example")}
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed": Pass,
		},
	},
	{
		Name:  "dnsid-fake-a-label",
		About: "a DNS-ID label with the xn-- prefix that does not decode to a valid U-label (xn--abc.example.org)",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("xn--abc.example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed": Error,
		},
	},
	{
		Name:  "dnsid-srv-owner-name",
		About: "the SRV owner name copied into a dNSName (_xmpp-server._tcp.example.org): underscores are not preferred name syntax",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("_xmpp-server._tcp.example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed":             Error,
			"e_xmpp_dnsid_wildcard_not_leftmost": Pass,
		},
	},
	{
		Name:  "dnsid-jid-in-dnsname",
		About: "a JID written into a dNSName (admin@example.org), as some server test configurations do",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("admin@example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed": Error,
		},
	},
	{
		Name:  "dnsid-empty",
		About: "an empty dNSName next to a valid one",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS(""))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed":             Error,
			"e_xmpp_dnsid_wildcard_not_leftmost": Pass,
			"w_xmpp_dnsid_trailing_dot":          Pass,
		},
	},
	{
		Name:  "dnsid-label-too-long",
		About: "a DNS-ID with a 64-character label, one more than DNS allows",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS(strings.Repeat("a", 64)+".example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_malformed": Error,
		},
	},
	{
		Name:  "dnsid-several-problems",
		About: "several bad DNS-IDs in one certificate, so that each lint names all of them",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("XMPP.example.org."), DNS("Conference.Example.org"), DNS("a.*.example.org"), DNS("b*.example.org"))
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_wildcard_not_leftmost": Error,
			"w_xmpp_dnsid_not_lowercase":         Warn,
			"w_xmpp_dnsid_trailing_dot":          Warn,
			"e_xmpp_dnsid_malformed":             Pass,
			"n_xmpp_dnsid_wildcard":              Pass,
		},
	},
	{
		Name:  "dnsid-none",
		About: "a server certificate with SRV-IDs and no dNSName at all: the DNS-ID lints have nothing to check",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{SRV("_xmpp-server.example.org"), SRV("_xmpp-client.example.org")}
		},
		Expect: map[string]Status{
			"e_xmpp_dnsid_wildcard_not_leftmost": NA,
			"n_xmpp_dnsid_wildcard":              NA,
			"w_xmpp_dnsid_not_lowercase":         NA,
			"w_xmpp_dnsid_trailing_dot":          NA,
			"e_xmpp_dnsid_malformed":             NA,
		},
	},
}
