package corpus

import "crypto/x509/pkix"

// cnidCases exercise the lints of rules.md section F. CN-ID
var cnidCases = []Case{
	{
		Name:  "cnid-cn-only",
		About: "a server certificate with no subjectAltName at all, its domain only in the subject CN",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = nil
			t.X509.Subject.CommonName = "example.org"
		},
		Expect: map[string]Status{
			"e_xmpp_server_no_san_identity": Error,
			"w_xmpp_cn_not_in_san":          Warn,
			"n_xmpp_cn_present":             Notice,
		},
	},
	{
		Name:  "cnid-no-name",
		About: "a server certificate with neither a subjectAltName nor a CN: nothing names the service",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = nil
		},
		Expect: map[string]Status{
			"e_xmpp_server_no_san_identity": Error,
			"w_xmpp_cn_not_in_san":          NA,
			"n_xmpp_cn_present":             Pass,
		},
	},
	{
		Name:  "cnid-cn-in-san",
		About: "the subject CN example.org repeats the DNS-ID example.org, as the CA/B Forum BRs want",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "example.org"
		},
		Expect: map[string]Status{
			"e_xmpp_server_no_san_identity": Pass,
			"w_xmpp_cn_not_in_san":          Pass,
			"n_xmpp_cn_present":             Notice,
		},
	},
	{
		Name:  "cnid-cn-other-case",
		About: "the subject CN Example.ORG is the DNS-ID example.org in another case: the same name",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "Example.ORG"
		},
		Expect: map[string]Status{
			"w_xmpp_cn_not_in_san": Pass,
		},
	},
	{
		Name:  "cnid-cn-other-domain",
		About: "the subject CN xmpp.example.net is not among the DNS-IDs: ejabberd accepts it through the CN, SAN-only verifiers do not",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "xmpp.example.net"
		},
		Expect: map[string]Status{
			"w_xmpp_cn_not_in_san": Warn,
			"n_xmpp_cn_present":    Notice,
		},
	},
	{
		Name:  "cnid-cn-under-wildcard",
		About: "the subject CN xmpp.example.org is covered by the DNS-ID *.example.org but is not itself a DNS-ID",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "xmpp.example.org"
			t.SANs = append(t.SANs, DNS("*.example.org"))
		},
		Expect: map[string]Status{
			"w_xmpp_cn_not_in_san": Warn,
		},
	},
	{
		Name:  "cnid-cn-idn",
		About: "the subject CN in U-labels (bücher.example) names the same domain as the DNS-ID xn--bcher-kva.example",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "bücher.example"
			t.SANs = []GeneralName{DNS("xn--bcher-kva.example"), SRV("_xmpp-server.xn--bcher-kva.example")}
		},
		Expect: map[string]Status{
			"w_xmpp_cn_not_in_san": Pass,
			"n_xmpp_cn_present":    Notice,
		},
	},
	{
		Name:  "cnid-cn-not-a-domain",
		About: "a subject CN that is a description, not a domain name (XMPP Service)",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "XMPP Service"
		},
		Expect: map[string]Status{
			"w_xmpp_cn_not_in_san": NA,
			"n_xmpp_cn_present":    Notice,
		},
	},
	{
		Name:  "cnid-cn-ip-address",
		About: "a subject CN holding an IPv4 address (192.0.2.10), which is not domain-like",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject = pkix.Name{CommonName: "192.0.2.10"}
		},
		Expect: map[string]Status{
			"w_xmpp_cn_not_in_san": NA,
		},
	},
	{
		Name:  "cnid-xmppaddr-only",
		About: "a server certificate named only by a bare-domain XmppAddr: a SAN identity, though not one every server matches",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{Xmpp("example.org")}
		},
		Expect: map[string]Status{
			"e_xmpp_server_no_san_identity": Pass,
		},
	},
	{
		Name:  "cnid-user-jid-as-server",
		About: "a user certificate (XmppAddr juliet@example.org only) declared a server certificate: a user JID names no service",
		Base:  ClientBase,
		Role:  "server",
		Expect: map[string]Status{
			"e_xmpp_server_no_san_identity": Error,
			"w_xmpp_cn_not_in_san":          NA,
			"n_xmpp_cn_present":             Notice,
		},
	},
	{
		Name:  "cnid-client",
		About: "a client certificate with a person's name in the CN: the CN-ID lints are for server certificates",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.Subject.CommonName = "juliet.example.org"
		},
		Expect: map[string]Status{
			"e_xmpp_server_no_san_identity": NA,
			"w_xmpp_cn_not_in_san":          NA,
			"n_xmpp_cn_present":             NA,
		},
	},
}
