package corpus

// Lint names of rules.md section J.
const (
	idNoIdentity     = "e_xmpp_no_identity_for_domain"
	idOnlyXmppAddr   = "w_xmpp_domain_only_via_xmppaddr"
	idOnlySRVID      = "w_xmpp_domain_only_via_srvid"
	idOnlyCN         = "w_xmpp_domain_only_via_cn"
	idWildcardParent = "w_xmpp_domain_only_via_wildcard_parent"
	idIDNForm        = "n_xmpp_domain_idn_form_mismatch"
	idSRVTarget      = "w_xmpp_identity_is_srv_target_not_source"
)

func idSANs(names ...GeneralName) func(t *Template) {
	return func(t *Template) { t.SANs = names }
}

// identityCases exercise the lints of rules.md section J: identity for the
// domains and service the user gives (Case.Domains, Service, SRVTargets).
var identityCases = []Case{
	{
		Name:    "identity-dnsid-match",
		About:   "the base server certificate checked for example.org: the DNS-ID and SRV-IDs match",
		Base:    ServerBase,
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:     Pass,
			idOnlyXmppAddr:   Pass,
			idOnlySRVID:      Pass,
			idOnlyCN:         Pass,
			idWildcardParent: NA,
			idIDNForm:        NA,
			idSRVTarget:      NA,
		},
	},
	{
		Name:    "identity-no-domain",
		About:   "the base server certificate with no domain given: identity is not judged",
		Base:    ServerBase,
		Service: "xmpp-client",
		Expect: map[string]Status{
			idNoIdentity:     NA,
			idOnlyXmppAddr:   NA,
			idOnlySRVID:      NA,
			idOnlyCN:         NA,
			idWildcardParent: NA,
			idIDNForm:        NA,
			idSRVTarget:      NA,
		},
	},
	{
		Name:    "identity-other-domain",
		About:   "the base server certificate checked for another domain: nothing matches",
		Base:    ServerBase,
		Domains: []string{"other.example"},
		Expect: map[string]Status{
			idNoIdentity:   Error,
			idOnlyXmppAddr: NA,
			idOnlySRVID:    NA,
			idOnlyCN:       NA,
		},
	},
	{
		Name:    "identity-second-domain-missing",
		About:   "two domains given, the certificate covers only the first",
		Base:    ServerBase,
		Domains: []string{"example.org", "conference.example.org"},
		Expect: map[string]Status{
			idNoIdentity: Error,
			idOnlySRVID:  Pass,
		},
	},
	{
		Name:    "identity-only-xmppaddr",
		About:   "the domain is named only by a bare-domain XmppAddr: Prosody's s2s never matches it and ejabberd crashes on it",
		Base:    ServerBase,
		Change:  idSANs(Xmpp("example.org")),
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:   Pass,
			idOnlyXmppAddr: Warn,
			idOnlySRVID:    Pass,
		},
	},
	{
		Name:    "identity-only-srvid",
		About:   "the domain is named only by the SRV-ID _xmpp-server.example.org: ejabberd and OpenSSL do not read SRV-IDs",
		Base:    ServerBase,
		Change:  idSANs(SRV("_xmpp-server.example.org")),
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:   Pass,
			idOnlySRVID:    Warn,
			idOnlyXmppAddr: Pass,
		},
	},
	{
		Name:    "identity-srvid-service-upper-case",
		About:   "SRV-ID _XMPP-Server.example.org next to the DNS-ID: RFC 9525 compares the service case-insensitively",
		Base:    ServerBase,
		Change:  idSANs(DNS("example.org"), SRV("_XMPP-Server.example.org")),
		Domains: []string{"EXAMPLE.org."},
		Expect: map[string]Status{
			idNoIdentity: Pass,
			idOnlySRVID:  Pass,
		},
	},
	{
		Name:    "identity-srvid-other-service",
		About:   "only the SRV-ID _xmpp-client.example.org, checked for the xmpp-server service: no identity for s2s",
		Base:    ServerBase,
		Change:  idSANs(SRV("_xmpp-client.example.org")),
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity: Error,
			idOnlySRVID:  NA,
		},
	},
	{
		Name:    "identity-srvid-client-service",
		About:   "only the SRV-ID _xmpp-client.example.org, checked for the xmpp-client service: it matches",
		Base:    ServerBase,
		Change:  idSANs(SRV("_xmpp-client.example.org")),
		Domains: []string{"example.org"},
		Service: "xmpp-client",
		Expect: map[string]Status{
			idNoIdentity: Pass,
			idOnlySRVID:  Warn,
		},
	},
	{
		Name: "identity-only-cn",
		About: "no SAN, the domain only in the subject CN: not an identity under RFC 9525 " +
			"(Prosody 0.12, ejabberd and OpenSSL 3 read it, Prosody 13 does not)",
		Base: ServerBase,
		Change: func(t *Template) {
			t.SANs = nil
			t.X509.Subject.CommonName = "example.org"
		},
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:   Error,
			idOnlyCN:       Warn,
			idOnlyXmppAddr: NA,
		},
	},
	{
		Name:    "identity-cn-and-dnsid",
		About:   "the domain in the CN and in a DNS-ID: the DNS-ID is the identity",
		Base:    ServerBase,
		Change:  func(t *Template) { t.X509.Subject.CommonName = "example.org" },
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity: Pass,
			idOnlyCN:     Pass,
		},
	},
	{
		Name:    "identity-wildcard-parent",
		About:   "only the DNS-ID *.example.org, checked for example.org: a wildcard never covers the domain it sits on",
		Base:    ServerBase,
		Change:  idSANs(DNS("*.example.org")),
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:     Error,
			idWildcardParent: Warn,
			idOnlyCN:         NA,
		},
	},
	{
		Name:    "identity-wildcard-and-domain",
		About:   "DNS-IDs example.org and *.example.org, checked for example.org: the bare DNS-ID matches",
		Base:    ServerBase,
		Change:  idSANs(DNS("example.org"), DNS("*.example.org")),
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:     Pass,
			idWildcardParent: Pass,
		},
	},
	{
		Name:    "identity-wildcard-subdomain",
		About:   "only the DNS-ID *.example.org, checked for chat.example.org: the wildcard matches one label",
		Base:    ServerBase,
		Change:  idSANs(DNS("*.example.org")),
		Domains: []string{"chat.example.org"},
		Expect: map[string]Status{
			idNoIdentity:     Pass,
			idWildcardParent: NA,
			idOnlySRVID:      Pass,
		},
	},
	{
		Name:    "identity-idn-u-label-dnsid",
		About:   "the DNS-ID holds the U-label bücher.example, checked for xn--bcher-kva.example: dNSName carries A-labels",
		Base:    ServerBase,
		Change:  idSANs(DNS("bücher.example")),
		Domains: []string{"xn--bcher-kva.example"},
		Expect: map[string]Status{
			idNoIdentity: Error,
			idIDNForm:    Notice,
		},
	},
	{
		Name:    "identity-idn-a-label-xmppaddr",
		About:   "the XmppAddr holds the A-label xn--bcher-kva.example, checked for bücher.example: XmppAddr carries U-labels",
		Base:    ServerBase,
		Change:  idSANs(Xmpp("xn--bcher-kva.example")),
		Domains: []string{"bücher.example"},
		Expect: map[string]Status{
			idNoIdentity: Error,
			idIDNForm:    Notice,
		},
	},
	{
		Name:    "identity-idn-right-forms",
		About:   "DNS-ID xn--bcher-kva.example and XmppAddr bücher.example, checked for BÜCHER.example. (U-labels, upper case, trailing dot)",
		Base:    ServerBase,
		Change:  idSANs(DNS("xn--bcher-kva.example"), Xmpp("bücher.example")),
		Domains: []string{"BÜCHER.example."},
		Expect: map[string]Status{
			idNoIdentity:   Pass,
			idIDNForm:      Pass,
			idOnlyXmppAddr: Pass,
		},
	},
	{
		Name:       "identity-srv-target-only",
		About:      "the certificate names only xmpp.hosting.example, the SRV target of example.org: it does not authenticate example.org",
		Base:       ServerBase,
		Change:     idSANs(DNS("xmpp.hosting.example")),
		Domains:    []string{"example.org"},
		SRVTargets: []string{"xmpp.hosting.example"},
		Expect: map[string]Status{
			idNoIdentity: Error,
			idSRVTarget:  Warn,
		},
	},
	{
		Name:       "identity-srv-target-and-domain",
		About:      "the certificate names example.org and its SRV target xmpp.hosting.example: the domain matches",
		Base:       ServerBase,
		Change:     idSANs(DNS("example.org"), DNS("xmpp.hosting.example")),
		Domains:    []string{"example.org"},
		SRVTargets: []string{"xmpp.hosting.example"},
		Expect: map[string]Status{
			idNoIdentity: Pass,
			idSRVTarget:  Pass,
		},
	},
	{
		Name:    "identity-client-cert",
		About:   "a client certificate with a domain given: the domain lints are for server certificates",
		Base:    ClientBase,
		Domains: []string{"example.org"},
		Expect: map[string]Status{
			idNoIdentity:   NA,
			idOnlyXmppAddr: NA,
			idIDNForm:      NA,
		},
	},
}
