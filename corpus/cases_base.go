package corpus

// baseCases are the two templates unchanged: every lint of the xmpp
// profile passes or is NA on them (TestBaseCasesClean).
var baseCases = []Case{
	{
		Name:  "server-base",
		About: "a valid XMPP server certificate: DNS-ID and SRV-IDs for example.org, serverAuth+clientAuth, digitalSignature",
		Base:  ServerBase,
		Expect: map[string]Status{
			"e_xmpp_server_eku_missing_server_auth": Pass,
		},
	},
	{
		Name:  "client-base",
		About: "a valid c2s client certificate: XmppAddr juliet@example.org, clientAuth, digitalSignature",
		Base:  ClientBase,
		Expect: map[string]Status{
			"e_xmpp_server_eku_missing_server_auth": NA,
		},
	},
}
