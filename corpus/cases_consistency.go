package corpus

// consistencyCases exercise the lints of rules.md section G. Consistency between identities
var consistencyCases = []Case{
	{
		Name:  "consistency-srvid-only",
		About: "SRV-IDs _xmpp-server.example.org and _xmpp-client.example.org and no DNS-ID: ejabberd cannot match example.org",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{SRV("_xmpp-server.example.org"), SRV("_xmpp-client.example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid":    Warn,
			"n_xmpp_srvid_client_only":      Pass,
			"w_xmpp_xmppaddr_without_dnsid": NA,
		},
	},
	{
		Name:  "consistency-srvid-only-c2s",
		About: "SRV-IDs and no DNS-ID in a certificate declared for c2s only: the s2s consistency lints do not apply",
		Base:  ServerBase,
		Scope: "c2s",
		Change: func(t *Template) {
			t.SANs = []GeneralName{SRV("_xmpp-client.example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid": NA,
			"n_xmpp_srvid_client_only":   NA,
		},
	},
	{
		Name:  "consistency-srvid-other-domain",
		About: "an SRV-ID for conference.example.org while the only DNS-ID is example.org",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, SRV("_xmpp-server.conference.example.org"))
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid": Warn,
		},
	},
	{
		Name:  "consistency-srvid-under-wildcard-dnsid",
		About: "an SRV-ID for conference.example.org covered by the DNS-ID *.example.org (one label deeper)",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("*.example.org"), SRV("_xmpp-server.conference.example.org"))
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid": Pass,
		},
	},
	{
		Name:  "consistency-srvid-two-below-wildcard",
		About: "an SRV-ID for a.b.example.org: the DNS-ID *.example.org covers one label deeper only, so not this one",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, DNS("*.example.org"), SRV("_xmpp-server.a.b.example.org"))
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid": Warn,
		},
	},
	{
		Name:  "consistency-srvid-case",
		About: "an SRV-ID whose Name is in upper case (_xmpp-server.EXAMPLE.ORG): it names the DNS-ID's domain all the same",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org"), SRV("_xmpp-server.EXAMPLE.ORG")}
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid": Pass,
		},
	},
	{
		Name:  "consistency-srvid-non-xmpp",
		About: "a DNS-ID and an SRV-ID for a non-XMPP service (_imap.mail.example.org), which XMPP verifiers never look at",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org"), SRV("_imap.mail.example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_srvid_without_dnsid": NA,
			"n_xmpp_srvid_client_only":   NA,
		},
	},
	{
		Name:  "consistency-xmppaddr-only",
		About: "a bare-domain XmppAddr example.org and no DNS-ID or SRV-ID: Prosody's s2s authentication never matches it",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{Xmpp("example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": Warn,
			"w_xmpp_srvid_without_dnsid":    NA,
		},
	},
	{
		Name:  "consistency-xmppaddr-with-dnsid",
		About: "a bare-domain XmppAddr example.org next to the DNS-ID example.org",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, Xmpp("example.org"))
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid":           Pass,
			"n_xmpp_mixed_user_and_server_identities": NA,
		},
	},
	{
		Name:  "consistency-xmppaddr-with-server-srvid",
		About: "a bare-domain XmppAddr example.org next to the SRV-ID _xmpp-server.example.org, with no DNS-ID",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{SRV("_xmpp-server.example.org"), Xmpp("example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": Pass,
			"w_xmpp_srvid_without_dnsid":    Warn,
		},
	},
	{
		Name:  "consistency-xmppaddr-with-client-srvid",
		About: "a bare-domain XmppAddr example.org next to _xmpp-client.example.org only: no s2s identity for example.org",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{SRV("_xmpp-client.example.org"), Xmpp("example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": Warn,
			"n_xmpp_srvid_client_only":      Notice,
		},
	},
	{
		Name:  "consistency-xmppaddr-idn",
		About: "an XmppAddr in U-labels (bücher.example) and the DNS-ID in A-labels (xn--bcher-kva.example): the same domain",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("xn--bcher-kva.example"), Xmpp("bücher.example")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": Pass,
		},
	},
	{
		Name:  "consistency-xmppaddr-only-c2s",
		About: "a bare-domain XmppAddr with no DNS-ID in a certificate declared for c2s only",
		Base:  ServerBase,
		Scope: "c2s",
		Change: func(t *Template) {
			t.SANs = []GeneralName{Xmpp("example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": NA,
		},
	},
	{
		Name:  "consistency-wildcard-pairs",
		About: "CAcert's pattern: each dNSName, wildcards included, repeated as an XmppAddr (example.org, *.example.org), and a wildcard SRV-ID",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org"), Xmpp("example.org"), DNS("*.example.org"), Xmpp("*.example.org"), SRV("_xmpp-server.*.example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": Pass,
			"w_xmpp_srvid_without_dnsid":    Pass,
		},
	},
	{
		Name:  "consistency-wildcard-xmppaddr-alone",
		About: "an XmppAddr *.example.org with only the DNS-ID example.org, which does not cover the names the wildcard stands for",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org"), Xmpp("*.example.org")}
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_without_dnsid": Warn,
		},
	},
	{
		Name:  "consistency-srvid-client-only",
		About: "the SRV-ID _xmpp-client.example.org alone: the certificate serves example.org for c2s only",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{SRV("_xmpp-client.example.org")}
		},
		Expect: map[string]Status{
			"n_xmpp_srvid_client_only":   Notice,
			"w_xmpp_srvid_without_dnsid": Warn,
		},
	},
	{
		Name:  "consistency-srvid-client-with-dnsid",
		About: "the SRV-ID _xmpp-client.example.org with the DNS-ID example.org, which s2s peers match",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org"), SRV("_xmpp-client.example.org")}
		},
		Expect: map[string]Status{
			"n_xmpp_srvid_client_only":   Pass,
			"w_xmpp_srvid_without_dnsid": Pass,
		},
	},
	{
		Name:  "consistency-mixed-user-and-server",
		About: "a server certificate that also carries the user XmppAddr admin@example.org",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, Xmpp("admin@example.org"))
		},
		Expect: map[string]Status{
			"n_xmpp_mixed_user_and_server_identities": Notice,
		},
	},
	{
		Name:  "consistency-user-only",
		About: "a client certificate with one user XmppAddr and no server identity",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{Xmpp("romeo@example.net")}
		},
		Expect: map[string]Status{
			"n_xmpp_mixed_user_and_server_identities": Pass,
			"w_xmpp_srvid_without_dnsid":              NA,
			"w_xmpp_xmppaddr_without_dnsid":           NA,
			"n_xmpp_srvid_client_only":                NA,
		},
	},
}
