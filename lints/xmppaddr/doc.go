// Package xmppaddr holds the lints of rules.md section D, XmppAddr (RFC 6120 13.7.1.4, RFC 7622).
//
// Every lint here checks every XmppAddr of the certificate and names each
// offending value in its Details.
//
// Which values a lint judges. e_xmpp_xmppaddr_not_utf8string judges every
// XmppAddr, undecodable ones included, by its ASN.1 tag. The lints that read
// the JID skip values that are not a well-formed UTF8String: what they hold
// is not an XmppAddr as RFC 6120 defines it, and the string-type lint already
// reports them. Two lints count values rather than read them and so look at
// every XmppAddr whatever its type: n_xmpp_server_xmppaddr_discouraged (any
// XmppAddr present) and n_xmpp_client_multiple_xmppaddr. A lint applies (is
// not NA) only when the certificate has a value it judges, except where the
// rule is about the certificate as a whole (n_xmpp_server_xmppaddr_discouraged,
// w_xmpp_client_jid_outside_xmppaddr).
//
// Double reporting. The specific lints judge their own condition each.
// e_xmpp_xmppaddr_invalid_jid, the catch-all, leaves to them what they name
// more precisely: a value that would be a valid JID but for '*' in its
// domainpart is reported by e_xmpp_xmppaddr_wildcard alone, and an `xn--`
// label is an A-label (e_xmpp_xmppaddr_a_label) only when it decodes; one that
// does not is an invalid JID. mellium.im/xmpp/jid accepts empty labels in a
// domainpart (`example..org`); e_xmpp_xmppaddr_invalid_jid reports them too.
//
// '*' in a localpart or resourcepart is an ordinary character (RFC 7622 3.3,
// 3.4: ejabberd's test certificates hold `test_single!#$%^*()...@localhost`),
// so e_xmpp_xmppaddr_wildcard looks at the domainpart only.
//
// Effective dates: the date of the document that made the rule, among those
// oid.go has. XmppAddr itself, its UTF8String type, and the interop rules
// (which hold for any XmppAddr) date from RFC 3920; the rules RFC 6120 added
// (server XmppAddr discouraged and bare, client resourcepart, JID outside
// XmppAddr, wildcards) from RFC 6120; the PRECIS rules (valid JID, canonical
// form, U-labels, trailing dot) from RFC 7622.
package xmppaddr
