package identity

// Rules describe how one verifier compares the identifiers a certificate
// presents with a reference domain. Each field names one comparison the
// engine knows; a verifier is a Rules value, so its deviations from RFC 9525
// are data that can be read, listed and tested, not code paths.
type Rules struct {
	// Name identifies the rules in results and reasons.
	Name string
	// Source says where the behaviour comes from (specification, or source
	// file and version of the deployed software).
	Source string
	// DNS is how dNSName values (and SRV-ID names and CNs, which the
	// verifiers compare the same way) are compared with the domain.
	DNS DNSRule
	// SRV is whether and how SRV-IDs are matched.
	SRV SRVRule
	// XmppAddr is whether and how XmppAddr values are matched.
	XmppAddr XmppAddrRule
	// CN is whether and when the subject commonName is read.
	CN CNRule
}

// DNSRule is a way of comparing a DNS-style presented name with the
// reference domain, which the engine always passes in lower-case A-label
// form without a trailing dot.
type DNSRule int

// DNS comparisons.
const (
	// DNSRFC9525: ASCII case-insensitive; a trailing dot on the presented
	// name is ignored (both are absolute names); a wildcard only as the whole
	// left-most label, once, matching exactly one label (RFC 9525 6.3).
	DNSRFC9525 DNSRule = iota + 1
	// DNSProsody: Prosody's util/x509.lua compare_dnsname: the presented
	// name lower-cased (ASCII) and compared with the domain; a name starting
	// with "*." matches when the rest equals the domain minus its first
	// label, or the whole domain when it has a single label. No trailing-dot
	// handling.
	DNSProsody
	// DNSEjabberd: processone/xmpp xmpp_stream_pkix.erl match_domain: byte
	// for byte (no case folding, no trailing-dot handling); "*." + Rest
	// matches when the domain split at its first dot leaves exactly Rest.
	DNSEjabberd
	// DNSOpenSSL: OpenSSL's X509_check_host with flags 0
	// (crypto/x509/v3_utl.c equal_wildcard): ASCII case-insensitive, no
	// trailing-dot handling; one '*' at the start or end of the left-most
	// label (partial-label wildcards allowed, none in an xn-- label), with at
	// least two labels after it, matching letters, digits and hyphens within
	// one label.
	DNSOpenSSL
)

// SRVRule is whether and how SRV-IDs are matched.
type SRVRule int

// SRV-ID comparisons.
const (
	// SRVNone: SRV-IDs are not read.
	SRVNone SRVRule = iota + 1
	// SRVCaseInsensitive: the service label matches the service without
	// regard to case (RFC 9525 6.5); the name is compared under the DNS rule.
	// Only IA5String values of the `_Service.Name` shape count (RFC 4985 2).
	SRVCaseInsensitive
	// SRVCaseSensitive: Prosody's compare_srvname: "_" + service compared
	// byte for byte with the service label; the name under the DNS rule.
	SRVCaseSensitive
)

// XmppAddrRule is whether and how XmppAddr values are matched.
type XmppAddrRule int

// XmppAddr comparisons.
const (
	// XmppAddrNone: XmppAddr values are not read.
	XmppAddrNone XmppAddrRule = iota + 1
	// XmppAddrULabel: a bare-domain XmppAddr (UTF8String, a valid JID)
	// matches when its domainpart, in U-label form, equals the domain in
	// U-label form (RFC 6120 13.7.1.4, RFC 7622 3.2); a trailing dot is
	// stripped (RFC 7622 3.2). An A-label domainpart is the wrong form.
	XmppAddrULabel
	// XmppAddrC2SOnly: Prosody's compare_xmppaddr runs only when the caller
	// passes the service with a leading underscore: its s2s authentication
	// (mod_s2s_auth_certs) passes "xmpp-server", so XmppAddr never matches on
	// s2s; `prosodyctl check certs` passes "_xmpp-client", which is what a
	// c2s check looks like. Values holding '@' or '/' are skipped.
	XmppAddrC2SOnly
	// XmppAddrCrash: ejabberd's get_cert_domains turns a bare-domain
	// UTF8String XmppAddr into a binary where lists:flatmap needs a list, so
	// the check crashes once the chain has verified, whatever the domain.
	XmppAddrCrash
)

// CNRule is whether and when the subject commonName is read, as a DNS name.
type CNRule int

// CN handling.
const (
	// CNNever: the CN is not an identity (RFC 9525 2).
	CNNever CNRule = iota + 1
	// CNIfNoSAN: Prosody 0.12: read only when the SAN extension has no
	// dNSName, SRVName, XmppAddr or URI entry, and only when the subject has
	// exactly one CN (RFC 6125 6.4.4).
	CNIfNoSAN
	// CNIfNoDNSName: OpenSSL 3.x X509_check_host: every CN is read when the
	// SAN extension has no dNSName entry (other SAN types do not count).
	CNIfNoDNSName
	// CNFirstAsJID: ejabberd: the first CN, read as a bare JID (no '@' or
	// '/'), lower-cased, is always added to the names compared.
	CNFirstAsJID
)

// The rules of each verifier. interop.Models refers to them; RFC9525 is the
// reference the identity lints use.
var (
	// RFC9525 is the standard: RFC 9525 with the XMPP rules of RFC 6120.
	RFC9525 = Rules{
		Name:     "rfc9525",
		Source:   "RFC 9525 2, 6.3, 6.5; RFC 6120 13.7.1.2-13.7.1.4, 13.7.2.1; RFC 7622 3.2; RFC 4985 2",
		DNS:      DNSRFC9525,
		SRV:      SRVCaseInsensitive,
		XmppAddr: XmppAddrULabel,
		CN:       CNNever,
	}
	// Prosody012 is Prosody 0.12's util/x509.lua verify_identity.
	Prosody012 = Rules{
		Name: "prosody-0.12",
		Source: "Prosody 0.12.3 util/x509.lua verify_identity (compare_xmppaddr, compare_srvname, compare_dnsname, CN fallback); " +
			"modules/mod_s2s_auth_certs.lua passes \"xmpp-server\"; util/prosodyctl/check.lua passes \"_xmpp-client\"; rules.md K",
		DNS:      DNSProsody,
		SRV:      SRVCaseSensitive,
		XmppAddr: XmppAddrC2SOnly,
		CN:       CNIfNoSAN,
	}
	// Prosody13 is Prosody 13: as 0.12, but the CN is no longer read.
	Prosody13 = Rules{
		Name:     "prosody-13",
		Source:   "rules.md K (Prosody 13 ignores the CN); otherwise as Prosody 0.12.3 util/x509.lua",
		DNS:      DNSProsody,
		SRV:      SRVCaseSensitive,
		XmppAddr: XmppAddrC2SOnly,
		CN:       CNNever,
	}
	// Ejabberd is ejabberd's certificate check, the same in every ejabberd
	// model (integration/ checks it against 23.01, 24.12 and 26.07).
	Ejabberd = Rules{
		Name: "ejabberd",
		Source: "processone/xmpp src/xmpp_stream_pkix.erl (p1_xmpp 1.6.1 as shipped with ejabberd 23.01; unchanged up to 1.13.3): " +
			"verify_server_cert, get_cert_domains, get_domain_from_subject, get_domains_from_san, match_domain; rules.md K",
		DNS:      DNSEjabberd,
		SRV:      SRVNone,
		XmppAddr: XmppAddrCrash,
		CN:       CNFirstAsJID,
	}
	// OpenSSL is X509_check_host as `openssl verify -verify_hostname` runs
	// it: OpenSSL 3.x with flags 0.
	OpenSSL = Rules{
		Name: "openssl-default",
		Source: "OpenSSL 3.0 crypto/x509/v3_utl.c do_x509_check/equal_wildcard/valid_star with flags 0 " +
			"(checked against openssl verify -verify_hostname 3.0.19; OpenSSL's development branch no longer reads the CN by default)",
		DNS:      DNSOpenSSL,
		SRV:      SRVNone,
		XmppAddr: XmppAddrNone,
		CN:       CNIfNoDNSName,
	}
)

// Verifiers lists the rules above, the standard first.
var Verifiers = []Rules{RFC9525, Prosody012, Prosody13, Ejabberd, OpenSSL}
