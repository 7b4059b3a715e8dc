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
			"e_xmpp_server_eku_client_auth_only":    Pass,
			"w_xmpp_s2s_eku_missing_client_auth":    Pass,
			"w_xmpp_server_eku_absent":              Pass,
			"e_xmpp_eku_any_without_purpose":        Pass,
			"w_xmpp_eku_critical_with_any":          Pass,
			"n_xmpp_eku_any_with_server_auth":       Pass,
			"n_xmpp_eku_xmppaddr_purpose":           Pass,
			"e_xmpp_client_eku_missing_client_auth": NA,
			"e_xmpp_end_entity_is_ca":               Pass,
			"e_xmpp_ku_missing_digital_signature":   Pass,
			"w_xmpp_weak_signature_algorithm":       Pass,
			"e_xmpp_strict_subject_empty":           Pass,
			"w_xmpp_strict_no_ocsp_aia":             Pass,
		},
	},
	{
		Name:  "client-base",
		About: "a valid c2s client certificate: XmppAddr juliet@example.org, clientAuth, digitalSignature",
		Base:  ClientBase,
		Expect: map[string]Status{
			"e_xmpp_server_eku_missing_server_auth": NA,
			"e_xmpp_server_eku_client_auth_only":    NA,
			"w_xmpp_s2s_eku_missing_client_auth":    NA,
			"w_xmpp_server_eku_absent":              NA,
			"e_xmpp_eku_any_without_purpose":        Pass,
			"w_xmpp_eku_critical_with_any":          Pass,
			"n_xmpp_eku_any_with_server_auth":       NA,
			"n_xmpp_eku_xmppaddr_purpose":           Pass,
			"e_xmpp_client_eku_missing_client_auth": Pass,
			"e_xmpp_end_entity_is_ca":               Pass,
			"e_xmpp_ku_missing_digital_signature":   Pass,
			"w_xmpp_weak_signature_algorithm":       Pass,
			"e_xmpp_strict_subject_empty":           Pass,
			"w_xmpp_strict_no_ocsp_aia":             Pass,
		},
	},
}
