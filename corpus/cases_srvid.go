package corpus

// srvidSANs replaces the SANs of the server base with its DNS-ID followed
// by the given entries.
func srvidSANs(gns ...GeneralName) func(t *Template) {
	return func(t *Template) {
		t.SANs = append([]GeneralName{DNS("example.org")}, gns...)
	}
}

// srvidShapedNA are the lints that read the service label or Name: NA on a
// certificate whose SRVNames have no `_Service.Name` shape.
var srvidShapedNA = map[string]Status{
	"e_xmpp_srvname_includes_proto_label":  NA,
	"e_xmpp_srvname_name_not_a_label":      NA,
	"w_xmpp_srvname_xmpps_service":         NA,
	"n_xmpp_srvname_non_xmpp_service":      NA,
	"w_xmpp_srvname_service_not_lowercase": NA,
	"e_xmpp_srvname_wildcard_invalid":      NA,
	"n_xmpp_srvname_wildcard":              NA,
	"w_xmpp_srvname_trailing_dot":          NA,
}

// srvidExpect merges expectations, later ones winning.
func srvidExpect(ms ...map[string]Status) map[string]Status {
	out := map[string]Status{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// srvidCases exercise the lints of rules.md section C. SRV-ID (SRVName)
var srvidCases = []Case{
	{
		Name:   "srvid-valid-forms",
		About:  "valid SRV-IDs only: _xmpp-server and _xmpp-client for example.org and for an IDN written as A-labels, next to the DNS-ID; no XmppAddr",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example.org"), SRV("_xmpp-client.example.org"), SRV("_xmpp-server.xn--bcher-kva.example"), SRV("_xmpp-client.xn--bcher-kva.example")),
		Expect: map[string]Status{
			"e_xmpp_srvname_not_ia5string":         Pass,
			"e_xmpp_srvname_empty":                 Pass,
			"e_xmpp_srvname_malformed":             Pass,
			"e_xmpp_srvname_includes_proto_label":  Pass,
			"e_xmpp_srvname_name_not_a_label":      Pass,
			"w_xmpp_srvname_xmpps_service":         Pass,
			"n_xmpp_srvname_non_xmpp_service":      Pass,
			"w_xmpp_srvname_service_not_lowercase": Pass,
			"e_xmpp_srvname_wildcard_invalid":      Pass,
			"n_xmpp_srvname_wildcard":              Pass,
			"w_xmpp_srvname_trailing_dot":          Pass,
			// Section D on a server certificate without XmppAddr.
			"n_xmpp_server_xmppaddr_discouraged":      Pass,
			"e_xmpp_xmppaddr_not_utf8string":          NA,
			"e_xmpp_xmppaddr_invalid_jid":             NA,
			"e_xmpp_server_xmppaddr_not_bare_domain":  NA,
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  NA,
			"w_xmpp_xmppaddr_domain_with_client_auth": NA,
		},
	},
	{
		Name:   "srvid-none",
		About:  "a server certificate with a DNS-ID and no SRV-ID: the SRVName lints have nothing to judge",
		Base:   ServerBase,
		Change: srvidSANs(),
		Expect: srvidExpect(srvidShapedNA, map[string]Status{
			"e_xmpp_srvname_not_ia5string": NA,
			"e_xmpp_srvname_empty":         NA,
			"e_xmpp_srvname_malformed":     NA,
		}),
	},
	{
		Name:   "srvid-utf8string",
		About:  "an SRVName _xmpp-server.example.org encoded as UTF8String instead of IA5String (as GnuTLS's other_name_utf8 writes it)",
		Base:   ServerBase,
		Change: srvidSANs(SRVTagged(UTF8String, "_xmpp-server.example.org")),
		Expect: srvidExpect(srvidShapedNA, map[string]Status{
			"e_xmpp_srvname_not_ia5string": Error,
			"e_xmpp_srvname_empty":         NA,
			"e_xmpp_srvname_malformed":     NA,
		}),
	},
	{
		Name:   "srvid-undecodable",
		About:  "an SRVName whose value is a truncated IA5String TLV (length 5, 1 content byte), next to a valid SRV-ID",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example.org"), OtherNameRaw(OIDSRVName, []byte{IA5String, 5, '_'}, "SRVName(raw):16 05 5f")),
		Expect: map[string]Status{
			"e_xmpp_srvname_not_ia5string": Error,
			"e_xmpp_srvname_malformed":     Pass,
			"e_xmpp_srvname_empty":         Pass,
		},
	},
	{
		Name:   "srvid-empty",
		About:  "a zero-length SRVName (IA5String)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("")),
		Expect: srvidExpect(srvidShapedNA, map[string]Status{
			"e_xmpp_srvname_empty":         Error,
			"e_xmpp_srvname_not_ia5string": Pass,
			"e_xmpp_srvname_malformed":     NA,
		}),
	},
	{
		Name:   "srvid-no-service-label",
		About:  "an SRVName *.example.org without any _Service label, as StartCom issued jabber.org's certificate in 2009",
		Base:   ServerBase,
		Change: srvidSANs(SRV("*.example.org")),
		Expect: srvidExpect(srvidShapedNA, map[string]Status{
			"e_xmpp_srvname_malformed":     Error,
			"e_xmpp_srvname_empty":         Pass,
			"e_xmpp_srvname_not_ia5string": Pass,
		}),
	},
	{
		Name:   "srvid-bad-service-name",
		About:  "an SRVName whose service label _xmpp_server holds an underscore, not an RFC 6335 service name",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp_server.example.org")),
		Expect: map[string]Status{
			"e_xmpp_srvname_malformed":        Error,
			"n_xmpp_srvname_non_xmpp_service": Notice,
		},
	},
	{
		Name:   "srvid-bad-name",
		About:  "an SRVName whose Name has an empty label (_xmpp-server.example..org)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example..org")),
		Expect: map[string]Status{
			"e_xmpp_srvname_malformed":        Error,
			"e_xmpp_srvname_name_not_a_label": Pass,
			"w_xmpp_srvname_trailing_dot":     Pass,
		},
	},
	{
		Name:   "srvid-proto-label",
		About:  "an SRVName that copies the DNS SRV owner name: _xmpp-server._tcp.example.org",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server._tcp.example.org"), SRV("_xmpp-client.example.org")),
		Expect: map[string]Status{
			"e_xmpp_srvname_includes_proto_label": Error,
			"e_xmpp_srvname_malformed":            Pass,
			"n_xmpp_srvname_non_xmpp_service":     Pass,
		},
	},
	{
		Name:   "srvid-u-label",
		About:  "an SRVName whose Name is a U-label written as UTF-8 bytes in the IA5String (_xmpp-server.bücher.example)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.bücher.example")),
		Expect: map[string]Status{
			"e_xmpp_srvname_name_not_a_label": Error,
			"e_xmpp_srvname_malformed":        Pass,
			"e_xmpp_srvname_not_ia5string":    Pass,
		},
	},
	{
		Name:   "srvid-bad-a-label",
		About:  "an SRVName whose Name has an xn-- label that is not valid Punycode (_xmpp-server.xn--zz.example)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.xn--zz.example")),
		Expect: map[string]Status{
			"e_xmpp_srvname_name_not_a_label": Error,
			"e_xmpp_srvname_malformed":        Pass,
		},
	},
	{
		Name:   "srvid-xmpps-service",
		About:  "an SRV-ID for the XEP-0368 direct-TLS service _xmpps-server next to _xmpp-server",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example.org"), SRV("_xmpps-server.example.org")),
		Expect: map[string]Status{
			"w_xmpp_srvname_xmpps_service":    Warn,
			"n_xmpp_srvname_non_xmpp_service": Pass,
			"e_xmpp_srvname_malformed":        Pass,
		},
	},
	{
		Name:   "srvid-non-xmpp-service",
		About:  "an SRV-ID for IMAP (_imap.example.org) next to the XMPP SRV-IDs",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example.org"), SRV("_xmpp-client.example.org"), SRV("_imap.example.org")),
		Expect: map[string]Status{
			"n_xmpp_srvname_non_xmpp_service": Notice,
			"w_xmpp_srvname_xmpps_service":    Pass,
			"e_xmpp_srvname_malformed":        Pass,
		},
	},
	{
		Name:   "srvid-service-upper-case",
		About:  "an SRV-ID with an upper-case service label (_XMPP-Server.example.org), which Prosody never matches",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_XMPP-Server.example.org")),
		Expect: map[string]Status{
			"w_xmpp_srvname_service_not_lowercase": Warn,
			"n_xmpp_srvname_non_xmpp_service":      Pass,
			"e_xmpp_srvname_malformed":             Pass,
		},
	},
	{
		Name:   "srvid-wildcard",
		About:  "a wildcard SRV-ID _xmpp-server.*.example.org next to the SRV-ID of example.org",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example.org"), SRV("_xmpp-server.*.example.org")),
		Expect: map[string]Status{
			"n_xmpp_srvname_wildcard":         Notice,
			"e_xmpp_srvname_wildcard_invalid": Pass,
			"e_xmpp_srvname_malformed":        Pass,
		},
	},
	{
		Name:   "srvid-wildcard-partial-label",
		About:  "an SRV-ID with a partial-label wildcard (_xmpp-server.chat*.example.org)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.chat*.example.org")),
		Expect: map[string]Status{
			"e_xmpp_srvname_wildcard_invalid": Error,
			"n_xmpp_srvname_wildcard":         Pass,
			"e_xmpp_srvname_malformed":        Pass,
		},
	},
	{
		Name:   "srvid-wildcard-service",
		About:  "an SRV-ID whose service label is the wildcard (_*.example.org)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_*.example.org")),
		Expect: map[string]Status{
			"e_xmpp_srvname_wildcard_invalid": Error,
			"n_xmpp_srvname_wildcard":         Pass,
			"e_xmpp_srvname_malformed":        Pass,
		},
	},
	{
		Name:   "srvid-trailing-dot",
		About:  "an SRV-ID whose Name ends with a dot (_xmpp-server.example.org.)",
		Base:   ServerBase,
		Change: srvidSANs(SRV("_xmpp-server.example.org.")),
		Expect: map[string]Status{
			"w_xmpp_srvname_trailing_dot": Warn,
			"e_xmpp_srvname_malformed":    Pass,
		},
	},
}
