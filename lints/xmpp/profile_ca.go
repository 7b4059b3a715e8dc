package xmpp

import "sort"

// ProfileCA is the issuer's profile: only what a CA controls in a
// certificate it issues and must never issue. It is a selection across
// the topic packages, not a tag of its own: caLints holds it, and
// caExcluded holds every other lint with the reason it is not an issuer's
// defect, so that a new lint must be placed in one or the other (a test in
// package lints checks it). docs/ca.md gives the reasons in full.
const ProfileCA = "ca"

// caLints are the lints of the ca profile, each with why it is an
// issuer's defect.
var caLints = map[string]string{
	// EKU: the CA writes the purposes.
	"e_xmpp_server_eku_missing_server_auth": "a server certificate without serverAuth",
	"e_xmpp_server_eku_client_auth_only":    "a clientAuth-only server certificate",
	"e_xmpp_eku_any_without_purpose":        "anyExtendedKeyUsage without the role's own purpose",
	"e_xmpp_client_eku_missing_client_auth": "a client certificate without clientAuth",
	"w_xmpp_server_eku_absent":              "a server certificate without the EKU extension (BR 7.1.2.7.6, PR 1501)",
	"n_xmpp_eku_any_with_server_auth":       "anyExtendedKeyUsage in a subscriber certificate (BR 7.1.2.7.10)",
	"w_xmpp_eku_critical_with_any":          "a critical EKU holding anyExtendedKeyUsage (RFC 5280 4.2.1.12)",
	// Basic constraints, key usage, signature.
	"e_xmpp_end_entity_is_ca":             "an end entity marked CA",
	"e_xmpp_ku_missing_digital_signature": "a key usage that cannot sign a TLS handshake",
	"w_xmpp_weak_signature_algorithm":     "a signature algorithm the CA should not sign with",
	// SRV-ID: malformed or mis-encoded.
	"e_xmpp_srvname_empty":                 "an empty SRV-ID",
	"e_xmpp_srvname_includes_proto_label":  "an SRV-ID with the `_tcp` label",
	"e_xmpp_srvname_malformed":             "a malformed SRV-ID",
	"e_xmpp_srvname_name_not_a_label":      "an SRV-ID whose name is not a DNS name",
	"e_xmpp_srvname_not_ia5string":         "an SRV-ID not encoded as IA5String",
	"e_xmpp_srvname_wildcard_invalid":      "a wildcard where RFC 4985 and RFC 9525 forbid it",
	"w_xmpp_srvname_service_not_lowercase": "an SRV-ID service label not in lower case",
	"w_xmpp_srvname_trailing_dot":          "an SRV-ID with a trailing dot",
	"w_xmpp_srvname_xmpps_service":         "an SRV-ID with the `_xmpps-` service, which no verifier asks for",
	// XmppAddr: malformed or mis-encoded.
	"e_xmpp_server_xmppaddr_not_bare_domain": "a server XmppAddr with a localpart or resource",
	"e_xmpp_xmppaddr_a_label":                "an XmppAddr domain in A-label form",
	"e_xmpp_xmppaddr_invalid_jid":            "an XmppAddr that is not a JID",
	"e_xmpp_xmppaddr_not_utf8string":         "an XmppAddr not encoded as UTF8String",
	"e_xmpp_xmppaddr_wildcard":               "a wildcard in an XmppAddr, which RFC 6120 forbids",
	"n_xmpp_xmppaddr_not_canonical":          "an XmppAddr not in its PRECIS form",
	"w_xmpp_xmppaddr_trailing_dot":           "an XmppAddr with a trailing dot",
	"w_xmpp_client_xmppaddr_has_resource":    "a client XmppAddr with a resource",
	// DNS-ID.
	"e_xmpp_dnsid_malformed":             "a malformed DNS-ID",
	"e_xmpp_dnsid_wildcard_not_leftmost": "a wildcard that is not the whole left-most label",
	"w_xmpp_dnsid_not_lowercase":         "a DNS-ID not in lower case",
	"w_xmpp_dnsid_trailing_dot":          "a DNS-ID with a trailing dot",
	// CN-ID and identities together.
	"e_xmpp_server_no_san_identity":           "a server certificate without any SAN identity",
	"w_xmpp_cn_not_in_san":                    "a CN not among the SANs",
	"n_xmpp_mixed_user_and_server_identities": "a user JID next to server identities in one certificate",
	// Chain (the issuer's own CA certificates; NA without the chain).
	"e_xmpp_chain_ca_eku_excludes_server_auth": "an issuing CA whose EKU excludes serverAuth",
}

// caExcluded are the other lints, each with why it is not in the ca
// profile.
var caExcluded = map[string]string{
	"w_xmpp_s2s_eku_missing_client_auth":            "interop: peers' verifiers that want clientAuth",
	"n_xmpp_eku_xmppaddr_purpose":                   "interop: OpenSSL ignores the purpose; RFC 6120 allows it",
	"e_xmpp_strict_subject_empty":                   "strict: public CAs issue empty subjects",
	"w_xmpp_strict_no_ocsp_aia":                     "strict: public CAs no longer run OCSP",
	"e_xmpp_strict_ca_ku_missing_digital_signature": "strict: RFC 6120 to the letter",
	"n_xmpp_srvname_non_xmpp_service":               "information: another service's SRV-ID",
	"n_xmpp_srvname_wildcard":                       "information: what a valid wildcard SRV-ID covers",
	"n_xmpp_client_multiple_xmppaddr":               "advice: several accounts in one certificate are allowed",
	"n_xmpp_server_xmppaddr_discouraged":            "advice: RFC 6120 allows it for older peers",
	"w_xmpp_client_jid_outside_xmppaddr":            "interop: what a server's local policy honours",
	"w_xmpp_server_xmppaddr_breaks_ejabberd":        "interop: an ejabberd bug",
	"w_xmpp_xmppaddr_domain_with_client_auth":       "interop: ejabberd's c2s SASL EXTERNAL",
	"n_xmpp_dnsid_wildcard":                         "information: valid wildcard DNS-IDs are issued every day",
	"n_xmpp_cn_present":                             "information: a CN among the SANs is allowed",
	"n_xmpp_srvid_client_only":                      "advice: a c2s-only certificate may be meant",
	"w_xmpp_srvid_without_dnsid":                    "interop: verifiers that ignore SRV-IDs",
	"w_xmpp_xmppaddr_without_dnsid":                 "interop: verifiers that ignore XmppAddrs",
	"e_xmpp_webpki_xmpp_othername":                  "webpki: private XMPP CAs issue otherNames",
	"n_xmpp_webpki_client_auth_sunset":              "webpki: advice on clientAuth's end",
	"w_xmpp_chain_ca_eku_blocks_client_auth":        "interop: peers' verifiers that want clientAuth",
	"e_xmpp_no_identity_for_domain":                 "deployment: needs the domain the certificate will serve",
	"n_xmpp_domain_idn_form_mismatch":               "deployment: needs the domain the certificate will serve",
	"w_xmpp_domain_only_via_cn":                     "deployment: needs the domain the certificate will serve",
	"w_xmpp_domain_only_via_srvid":                  "deployment: needs the domain the certificate will serve",
	"w_xmpp_domain_only_via_wildcard_parent":        "deployment: needs the domain the certificate will serve",
	"w_xmpp_domain_only_via_xmppaddr":               "deployment: needs the domain the certificate will serve",
	"w_xmpp_identity_is_srv_target_not_source":      "deployment: needs the domain the certificate will serve",
}

// CAProfileReason says why the named lint is or is not in the ca profile;
// ok is false for a lint the profile's tables do not place.
func CAProfileReason(name string) (in bool, why string, ok bool) {
	if why, ok := caLints[name]; ok {
		return true, why, true
	}
	if why, ok := caExcluded[name]; ok {
		return false, why, true
	}
	return false, "", false
}

// CAProfileNames lists the lints the ca profile holds and those it leaves
// out, each sorted: what docs/ca.md shows and the guard test checks.
func CAProfileNames() (in, out []string) {
	for n := range caLints {
		in = append(in, n)
	}
	for n := range caExcluded {
		out = append(out, n)
	}
	sort.Strings(in)
	sort.Strings(out)
	return in, out
}
