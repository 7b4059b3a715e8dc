// Package identity matches a certificate to an XMPP domain and service: the
// reference identifier is the domain the user gives (the JID's domainpart),
// never a host named by a DNS SRV record (RFC 6120 13.7.2.1, RFC 7712 6).
//
// One engine, Match, serves both the identity lints of rules.md section J
// (under the RFC9525 rules) and the federation verdicts of package interop
// (under the rules of each deployed verifier). A verifier's deviations from
// RFC 9525 are data: a Rules value with one field per identifier type, each
// naming the comparison that verifier performs and citing its source.
//
// The result says which presented identifiers match and how (DNS-ID exact,
// DNS-ID wildcard, SRV-ID, XmppAddr, CN), which would match under RFC 9525
// but the rules skip (and why), which match only in the wrong IDN form,
// which match only an SRV target, which SRV-IDs name the domain for another
// service, and whether only `*.D` is there for D.
package identity
