package bench

import (
	"fmt"
	"strconv"
)

// NameKinds are the kinds of names ManyNames fills a certificate with:
// DNS-IDs (the reference the others are measured against), bare-domain
// XmppAddrs, XMPP SRV-IDs (client and server in turn), a mix of all three
// whose domains never meet (every cross-kind coverage test fails: the worst
// case for lints that look one kind up in another), and half subject CNs,
// half DNS-IDs, none naming the same host (the CN lints look each CN up
// among the DNS-IDs).
var NameKinds = []string{"dns-id", "xmppaddr", "srvname", "mixed", "cn"}

// ManyNames is a self-signed XMPP server certificate (Ed25519, cA=FALSE,
// serverAuth+clientAuth) with n distinct subjectAltName entries of kind
// (one of NameKinds): the shape of the hostile certificate a server can
// present to `xmpplint check`, where one certificate with many names must
// not cost more than its size. The same kind and n give the same bytes.
func ManyNames(kind string, n int) ([]byte, error) {
	poolsOnce.Do(buildPools)
	var g Gen
	var r rng = rng(n)*7 + 1
	b := g.begin(&r, 12)
	host := func(i int) string { return "h" + strconv.Itoa(i) + ".many.example" }
	var sb builder
	if kind == "cn" {
		var cns []attr
		for i := 0; i < n/2; i++ {
			cns = append(cns, attr{oidCN, tagUTF8String, "c" + host(i)})
		}
		name(&sb, cns...)
	} else {
		name(&sb, attr{oidCN, tagUTF8String, "many.example"})
	}
	b.raw(sb.buf)
	nb := leafBase
	b.validity(nb, nb.AddDate(0, 6, 0))
	b.raw(sb.buf)
	b.raw(selfSPKIs[0])
	b.extsOpen()
	b.basicConstraints(true, false, -1)
	b.keyUsage(true, kuDigitalSignature)
	b.eku(oidServerAuth, oidClientAuth)
	b.sanOpen()
	for i := 0; i < n; i++ {
		k := kind
		switch kind {
		case "mixed":
			k = NameKinds[i%3]
		case "cn":
			if i >= n/2 {
				break
			}
			k = "dns-id"
		}
		if kind == "cn" && i >= n/2 {
			break
		}
		switch k {
		case "dns-id":
			b.dnsName(host(i))
		case "xmppaddr":
			b.xmppAddr(host(i))
		case "srvname":
			if i%2 == 0 {
				b.srv("_xmpp-server." + host(i))
			} else {
				b.srv("_xmpp-client." + host(i))
			}
		default:
			return nil, fmt.Errorf("ManyNames: unknown kind %q (want one of %v)", kind, NameKinds)
		}
	}
	b.sanClose()
	b.extsClose()
	return append([]byte(nil), g.finish(selfKeys[0])...), nil
}
