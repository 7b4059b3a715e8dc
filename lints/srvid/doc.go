// Package srvid holds the lints of rules.md section C, SRV-ID (SRVName, RFC 4985).
//
// Every lint here checks every SRVName of the certificate and names each
// offending value in its Details.
//
// Which values a lint judges. The string-type lint
// (e_xmpp_srvname_not_ia5string) judges every SRVName, undecodable ones
// included, by its ASN.1 tag. Every other lint reads the value's text, so it
// skips values that are not a well-formed IA5String: their text is not what
// RFC 4985 defines, and e_xmpp_srvname_not_ia5string already reports them.
// The lints that look at the service label or at Name skip values that do not
// have the `_Service.Name` shape, which e_xmpp_srvname_malformed reports. A
// lint applies (is not NA) only when the certificate has at least one value it
// judges.
//
// Double reporting. The specific lints judge their own condition each,
// independently of one another. e_xmpp_srvname_malformed is the catch-all for
// "not `_Service.Name`", and leaves to the specific lints the defects they
// name more precisely, so that one defect gives one finding:
//   - a zero-length value (e_xmpp_srvname_empty);
//   - a `_tcp`/`_udp` label after the service (e_xmpp_srvname_includes_proto_label);
//   - non-ASCII bytes and `xn--` labels that do not decode in Name
//     (e_xmpp_srvname_name_not_a_label);
//   - the placement of `*`, in the service label too (e_xmpp_srvname_wildcard_invalid,
//     which n_xmpp_srvname_non_xmpp_service and n_xmpp_srvname_wildcard also
//     leave it to);
//   - one trailing dot (w_xmpp_srvname_trailing_dot).
//
// Effective dates. An SRVName cannot predate RFC 4985 (August 2007), and the
// syntax and interop lints apply to any SRVName, so they take RFC 4985's
// date. The lints that cite RFC 9525 or RFC 6120 take RFC 6120's date: RFC
// 9525 restates the wildcard and case rules of RFC 6125, published with RFC
// 6120 in March 2011, and RFC 6120 13.7 applies them to XMPP.
package srvid
