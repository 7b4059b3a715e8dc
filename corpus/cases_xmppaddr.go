package corpus

// xmppaddrServerSANs replaces the SANs of the server base with its DNS-ID
// and SRV-IDs followed by the given entries.
func xmppaddrServerSANs(gns ...GeneralName) func(t *Template) {
	return func(t *Template) {
		t.SANs = append([]GeneralName{DNS("example.org"), SRV("_xmpp-server.example.org"), SRV("_xmpp-client.example.org")}, gns...)
	}
}

// xmppaddrClientSANs replaces the SANs of the client base.
func xmppaddrClientSANs(gns ...GeneralName) func(t *Template) {
	return func(t *Template) { t.SANs = gns }
}

// xmppaddrCases exercise the lints of rules.md section D. XmppAddr
var xmppaddrCases = []Case{
	{
		Name:   "xmppaddr-server-bare-domain",
		About:  "a CA-signed server certificate (serverAuth+clientAuth) with the bare-domain XmppAddr example.org next to its DNS-ID and SRV-IDs, as Prosody's certificate requests make them",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("example.org")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_not_utf8string":          Pass,
			"e_xmpp_xmppaddr_invalid_jid":             Pass,
			"e_xmpp_xmppaddr_wildcard":                Pass,
			"e_xmpp_server_xmppaddr_not_bare_domain":  Pass,
			"e_xmpp_xmppaddr_a_label":                 Pass,
			"w_xmpp_xmppaddr_trailing_dot":            Pass,
			"n_xmpp_xmppaddr_not_canonical":           Pass,
			"n_xmpp_server_xmppaddr_discouraged":      Notice,
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  Warn,
			"w_xmpp_xmppaddr_domain_with_client_auth": Warn,
			"w_xmpp_client_xmppaddr_has_resource":     NA,
			"w_xmpp_client_jid_outside_xmppaddr":      NA,
			"n_xmpp_client_multiple_xmppaddr":         NA,
		},
	},
	{
		Name:  "xmppaddr-server-bare-domain-self-signed",
		About: "a self-signed server certificate with the bare-domain XmppAddr example.org, as openssl req -x509 and prosodyctl cert generate make it: a peer that trusts it runs ejabberd's check, which crashes on it",
		Base:  ServerBase,
		Change: func(t *Template) {
			xmppaddrServerSANs(Xmpp("example.org"))(t)
			t.SelfSigned = true
		},
		Expect: map[string]Status{
			"w_xmpp_server_xmppaddr_breaks_ejabberd": Warn,
			"n_xmpp_server_xmppaddr_discouraged":     Notice,
		},
	},
	{
		Name:   "xmppaddr-server-bare-domain-c2s",
		About:  "a CA-signed server certificate with the bare-domain XmppAddr example.org, deployed for c2s only, where ejabberd's s2s check never sees it",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("example.org")),
		Scope:  "c2s",
		Expect: map[string]Status{
			"w_xmpp_server_xmppaddr_breaks_ejabberd": NA,
			"n_xmpp_server_xmppaddr_discouraged":     Notice,
		},
	},
	{
		Name:  "xmppaddr-server-bare-domain-server-auth-only",
		About: "a server certificate with the bare-domain XmppAddr example.org and a serverAuth-only EKU, which no TLS client can present",
		Base:  ServerBase,
		Change: func(t *Template) {
			xmppaddrServerSANs(Xmpp("example.org"))(t)
			t.X509.ExtKeyUsage = nil
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUServerAuth))
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_domain_with_client_auth": Pass,
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  Warn,
		},
	},
	{
		Name:  "xmppaddr-server-bare-domain-no-eku",
		About: "a server certificate with the bare-domain XmppAddr example.org and no EKU, so it is valid for TLS client authentication",
		Base:  ServerBase,
		Change: func(t *Template) {
			xmppaddrServerSANs(Xmpp("example.org"))(t)
			t.X509.ExtKeyUsage = nil
		},
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_domain_with_client_auth": Warn,
		},
	},
	{
		Name:   "xmppaddr-printablestring",
		About:  "a client certificate whose XmppAddr juliet@example.org is a PrintableString instead of a UTF8String (as a real IoT client certificate has it)",
		Base:   ClientBase,
		Change: xmppaddrClientSANs(XmppTagged(PrintableString, "juliet@example.org")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_not_utf8string":      Error,
			"e_xmpp_xmppaddr_invalid_jid":         NA,
			"e_xmpp_xmppaddr_wildcard":            NA,
			"e_xmpp_xmppaddr_a_label":             NA,
			"w_xmpp_xmppaddr_trailing_dot":        NA,
			"n_xmpp_xmppaddr_not_canonical":       NA,
			"w_xmpp_client_xmppaddr_has_resource": NA,
			"n_xmpp_client_multiple_xmppaddr":     Pass,
			"w_xmpp_client_jid_outside_xmppaddr":  NA,
		},
	},
	{
		Name:   "xmppaddr-undecodable",
		About:  "a server certificate with an XmppAddr whose value is a truncated UTF8String TLV (length 9, 3 content bytes)",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(OtherNameRaw(OIDXmppAddr, []byte{UTF8String, 9, 'e', 'x', 'a'}, "XmppAddr(raw):0c 09 657861")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_not_utf8string":          Error,
			"n_xmpp_server_xmppaddr_discouraged":      Notice,
			"e_xmpp_xmppaddr_invalid_jid":             NA,
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  NA,
			"w_xmpp_xmppaddr_domain_with_client_auth": NA,
		},
	},
	{
		Name:   "xmppaddr-embedded-nul",
		About:  "a server certificate with the XmppAddr \"example.org\\x00evil.example\": an embedded NUL, as in Node.js's certificate-escaping tests",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("example.org\x00evil.example")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_invalid_jid":    Error,
			"e_xmpp_xmppaddr_not_utf8string": Pass,
			"e_xmpp_xmppaddr_wildcard":       Pass,
		},
	},
	{
		Name:   "xmppaddr-empty-label",
		About:  "a server certificate with the XmppAddr example..org, whose domainpart has an empty label",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("example..org")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_invalid_jid":  Error,
			"w_xmpp_xmppaddr_trailing_dot": Pass,
		},
	},
	{
		Name:   "xmppaddr-wildcard",
		About:  "a server certificate with the XmppAddr *.example.org, as CAcert and StartCom issued them",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("*.example.org")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_wildcard":               Error,
			"e_xmpp_xmppaddr_invalid_jid":            Pass,
			"e_xmpp_server_xmppaddr_not_bare_domain": Pass,
			// "*" does not map to A-labels, so ejabberd's check does not
			// crash on it (identity.CrashValues; checked against ejabberd's code).
			"w_xmpp_server_xmppaddr_breaks_ejabberd": Pass,
		},
	},
	{
		Name:   "xmppaddr-star-in-localpart",
		About:  "a client certificate whose XmppAddr has '*' in its localpart (test*user@example.org), an ordinary character there",
		Base:   ClientBase,
		Change: xmppaddrClientSANs(Xmpp("test*user@example.org")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_wildcard":    Pass,
			"e_xmpp_xmppaddr_invalid_jid": Pass,
		},
	},
	{
		Name:   "xmppaddr-server-user-jid",
		About:  "a server certificate with the XmppAddr admin@example.org/console, a full JID where a bare domain belongs",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("admin@example.org/console")),
		Expect: map[string]Status{
			"e_xmpp_server_xmppaddr_not_bare_domain":  Error,
			"n_xmpp_server_xmppaddr_discouraged":      Notice,
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  NA,
			"w_xmpp_xmppaddr_domain_with_client_auth": NA,
			"w_xmpp_client_xmppaddr_has_resource":     NA,
		},
	},
	{
		Name:   "xmppaddr-a-label",
		About:  "a server certificate with the XmppAddr xn--bcher-kva.example (A-label) for the IDN bücher.example",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(DNS("xn--bcher-kva.example"), Xmpp("xn--bcher-kva.example")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_a_label":       Error,
			"e_xmpp_xmppaddr_invalid_jid":   Pass,
			"n_xmpp_xmppaddr_not_canonical": Pass,
		},
	},
	{
		Name:   "xmppaddr-u-label",
		About:  "a server certificate with the XmppAddr bücher.example written in U-labels, as RFC 7622 wants",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(DNS("xn--bcher-kva.example"), Xmpp("bücher.example")),
		Expect: map[string]Status{
			"e_xmpp_xmppaddr_a_label":       Pass,
			"e_xmpp_xmppaddr_invalid_jid":   Pass,
			"n_xmpp_xmppaddr_not_canonical": Pass,
		},
	},
	{
		Name:   "xmppaddr-trailing-dot",
		About:  "a server certificate with the XmppAddr example.org. (trailing dot)",
		Base:   ServerBase,
		Change: xmppaddrServerSANs(Xmpp("example.org.")),
		Expect: map[string]Status{
			"w_xmpp_xmppaddr_trailing_dot": Warn,
			"e_xmpp_xmppaddr_invalid_jid":  Pass,
		},
	},
	{
		Name:   "xmppaddr-not-canonical",
		About:  "a client certificate with the XmppAddr Juliet@Example.ORG, not in its PRECIS-enforced form juliet@example.org",
		Base:   ClientBase,
		Change: xmppaddrClientSANs(Xmpp("Juliet@Example.ORG")),
		Expect: map[string]Status{
			"n_xmpp_xmppaddr_not_canonical": Notice,
			"e_xmpp_xmppaddr_invalid_jid":   Pass,
		},
	},
	{
		Name:   "xmppaddr-client-resource",
		About:  "a client certificate with the full JID juliet@example.org/balcony in its XmppAddr",
		Base:   ClientBase,
		Change: xmppaddrClientSANs(Xmpp("juliet@example.org/balcony")),
		Expect: map[string]Status{
			"w_xmpp_client_xmppaddr_has_resource":    Warn,
			"e_xmpp_server_xmppaddr_not_bare_domain": NA,
			"n_xmpp_server_xmppaddr_discouraged":     NA,
			"w_xmpp_client_jid_outside_xmppaddr":     NA,
			"n_xmpp_client_multiple_xmppaddr":        Pass,
		},
	},
	{
		Name:   "xmppaddr-client-multiple",
		About:  "a client certificate with two XmppAddrs, juliet@example.org and juliet@example.net",
		Base:   ClientBase,
		Change: xmppaddrClientSANs(Xmpp("juliet@example.org"), Xmpp("juliet@example.net")),
		Expect: map[string]Status{
			"n_xmpp_client_multiple_xmppaddr":     Notice,
			"w_xmpp_client_xmppaddr_has_resource": Pass,
		},
	},
	{
		Name:   "xmppaddr-client-duplicate",
		About:  "a client certificate with the XmppAddr juliet@example.org written twice, which names one account",
		Base:   ClientBase,
		Change: xmppaddrClientSANs(Xmpp("juliet@example.org"), Xmpp("juliet@example.org")),
		Expect: map[string]Status{
			"n_xmpp_client_multiple_xmppaddr": Pass,
		},
	},
	{
		Name:   "xmppaddr-client-jid-in-email",
		About:  "a certificate used as a client certificate whose only JID-like name is the rfc822Name juliet@example.org",
		Base:   ClientBase,
		Role:   "client",
		Change: xmppaddrClientSANs(Email("juliet@example.org")),
		Expect: map[string]Status{
			"w_xmpp_client_jid_outside_xmppaddr":  Warn,
			"n_xmpp_client_multiple_xmppaddr":     NA,
			"w_xmpp_client_xmppaddr_has_resource": NA,
		},
	},
	{
		Name:  "xmppaddr-client-jid-in-cn",
		About: "a certificate used as a client certificate with no SAN and the JID juliet@example.org in its CN",
		Base:  ClientBase,
		Role:  "client",
		Change: func(t *Template) {
			t.SANs = nil
			t.X509.Subject.CommonName = "juliet@example.org"
		},
		Expect: map[string]Status{
			"w_xmpp_client_jid_outside_xmppaddr": Warn,
		},
	},
	{
		Name:   "xmppaddr-client-no-jid",
		About:  "a certificate used as a client certificate with no JID anywhere (a URI SAN and a personal-name CN)",
		Base:   ClientBase,
		Role:   "client",
		Change: xmppaddrClientSANs(URI("https://example.org/~juliet")),
		Expect: map[string]Status{
			"w_xmpp_client_jid_outside_xmppaddr": Pass,
		},
	},
}
