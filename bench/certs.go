package bench

import (
	"crypto/ed25519"
	"strconv"
	"strings"
	"time"
)

// Object identifiers, encoded once.
var (
	oidCN    = mustOID(2, 5, 4, 3)
	oidC     = mustOID(2, 5, 4, 6)
	oidL     = mustOID(2, 5, 4, 7)
	oidST    = mustOID(2, 5, 4, 8)
	oidO     = mustOID(2, 5, 4, 10)
	oidOU    = mustOID(2, 5, 4, 11)
	oidEmail = mustOID(1, 2, 840, 113549, 1, 9, 1)

	oidSKI   = mustOID(2, 5, 29, 14)
	oidKU    = mustOID(2, 5, 29, 15)
	oidSAN   = mustOID(2, 5, 29, 17)
	oidBC    = mustOID(2, 5, 29, 19)
	oidCRLDP = mustOID(2, 5, 29, 31)
	oidCP    = mustOID(2, 5, 29, 32)
	oidAKI   = mustOID(2, 5, 29, 35)
	oidEKU   = mustOID(2, 5, 29, 37)
	oidAIA   = mustOID(1, 3, 6, 1, 5, 5, 7, 1, 1)
	oidSCT   = mustOID(1, 3, 6, 1, 4, 1, 11129, 2, 4, 2)

	oidOCSP      = mustOID(1, 3, 6, 1, 5, 5, 7, 48, 1)
	oidCAIssuers = mustOID(1, 3, 6, 1, 5, 5, 7, 48, 2)
	oidCPS       = mustOID(1, 3, 6, 1, 5, 5, 7, 2, 1)
	oidDV        = mustOID(2, 23, 140, 1, 2, 1)
	oidOV        = mustOID(2, 23, 140, 1, 2, 2)
	oidCAPolicy  = mustOID(1, 3, 6, 1, 4, 1, 99999, 1, 2, 1)

	oidServerAuth = mustOID(1, 3, 6, 1, 5, 5, 7, 3, 1)
	oidClientAuth = mustOID(1, 3, 6, 1, 5, 5, 7, 3, 2)
	oidEmailProt  = mustOID(1, 3, 6, 1, 5, 5, 7, 3, 4)
	oidAnyEKU     = mustOID(2, 5, 29, 37, 0)

	oidSRVName  = mustOID(1, 3, 6, 1, 5, 5, 7, 8, 7)
	oidXmppAddr = mustOID(1, 3, 6, 1, 5, 5, 7, 8, 5)
)

// keyUsage bits in the first byte of the BIT STRING.
const (
	kuDigitalSignature = 0x80
	kuNonRepudiation   = 0x40
	kuKeyEncipherment  = 0x20
	kuCertSign         = 0x04
	kuCRLSign          = 0x02
)

// Vocabulary for names.
var (
	words = []string{"atlas", "birch", "cobalt", "delta", "ember", "fjord", "garnet", "harbor",
		"indigo", "juniper", "kestrel", "lumen", "maple", "nimbus", "onyx", "pioneer",
		"quartz", "raven", "sierra", "tundra", "umber", "vertex", "willow", "xenon",
		"yonder", "zephyr", "acorn", "beacon", "cinder", "dune", "echo", "falcon",
		"glade", "hollow", "iris", "jade", "kite", "lotus", "meadow", "nova",
		"orbit", "pebble", "quill", "ridge", "summit", "thistle", "uplink", "vale"}
	tlds     = []string{"com", "net", "org", "de", "fr", "nl", "io", "im", "eu", "ch", "se", "co.uk", "com.br", "jp", "pl", "it"}
	prefixes = []string{"www", "mail", "xmpp", "chat", "conference", "upload", "api", "cdn", "m",
		"shop", "blog", "proxy", "pubsub", "jabber", "muc", "share", "static", "auth", "id", "status"}
	locals = []string{"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
		"judy", "mallory", "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "zoe"}
	orgs   = []string{"Example Hosting GmbH", "Chat Collective e.V.", "Northwind Traders Ltd", "Bench Labs Inc.", "Federated Talk SAS", "Open Relay BV"}
	cities = []string{"Berlin", "Paris", "Amsterdam", "Zurich", "Stockholm", "Portland", "Lyon", "Leeds"}
)

// domain draws a registrable domain name.
func domain(r *rng) string {
	switch r.intn(10) {
	case 0, 1, 2, 3, 4:
		return r.pick(words) + strconv.Itoa(r.intn(100000)) + "." + r.pick(tlds)
	case 5, 6, 7:
		return r.pick(words) + "-" + r.pick(words) + strconv.Itoa(r.intn(1000)) + "." + r.pick(tlds)
	}
	return r.pick(prefixes) + "." + r.pick(words) + strconv.Itoa(r.intn(100000)) + "." + r.pick(tlds)
}

type attr struct {
	oid   []byte
	tag   byte
	value string
}

// name appends a Name with one attribute per RDN.
func name(b *builder, attrs ...attr) {
	b.open(tagSequence)
	for _, a := range attrs {
		b.open(tagSet)
		b.open(tagSequence)
		b.oid(a.oid)
		b.str(a.tag, a.value)
		b.close()
		b.close()
	}
	b.close()
}

func (b *builder) extOpen(oid []byte, critical bool) {
	b.open(tagSequence)
	b.oid(oid)
	if critical {
		b.boolean(true)
	}
	b.open(tagOctetString)
}

func (b *builder) extClose() {
	b.close()
	b.close()
}

func (b *builder) keyUsage(critical bool, bits byte) {
	unused := 0
	for unused < 7 && bits&(1<<unused) == 0 {
		unused++
	}
	b.extOpen(oidKU, critical)
	b.prim(tagBitString, []byte{byte(unused), bits})
	b.extClose()
}

func (b *builder) eku(oids ...[]byte) {
	b.extOpen(oidEKU, false)
	b.open(tagSequence)
	for _, o := range oids {
		b.oid(o)
	}
	b.close()
	b.extClose()
}

// basicConstraints: ca=false gives the empty SEQUENCE; pathLen < 0 omits it.
func (b *builder) basicConstraints(critical, ca bool, pathLen int) {
	b.extOpen(oidBC, critical)
	b.open(tagSequence)
	if ca {
		b.boolean(true)
		if pathLen >= 0 {
			b.small(pathLen)
		}
	}
	b.close()
	b.extClose()
}

func (b *builder) ski(id []byte) {
	b.extOpen(oidSKI, false)
	b.prim(tagOctetString, id)
	b.extClose()
}

func (b *builder) aki(id []byte) {
	b.extOpen(oidAKI, false)
	b.open(tagSequence)
	b.prim(ctxPrim(0), id)
	b.close()
	b.extClose()
}

func (b *builder) aia(ocsp, caIssuers string) {
	b.extOpen(oidAIA, false)
	b.open(tagSequence)
	if ocsp != "" {
		b.open(tagSequence)
		b.oid(oidOCSP)
		b.str(ctxPrim(6), ocsp)
		b.close()
	}
	b.open(tagSequence)
	b.oid(oidCAIssuers)
	b.str(ctxPrim(6), caIssuers)
	b.close()
	b.close()
	b.extClose()
}

func (b *builder) crlDP(url string) {
	b.extOpen(oidCRLDP, false)
	b.open(tagSequence)
	b.open(tagSequence)
	b.open(ctxCons(0))
	b.open(ctxCons(0))
	b.str(ctxPrim(6), url)
	b.close()
	b.close()
	b.close()
	b.close()
	b.extClose()
}

// policies appends certificatePolicies: the reserved CA/B Forum policy and,
// when cps is set, a CA policy with a CPS qualifier.
func (b *builder) policies(reserved []byte, cps string) {
	b.extOpen(oidCP, false)
	b.open(tagSequence)
	b.open(tagSequence)
	b.oid(reserved)
	b.close()
	if cps != "" {
		b.open(tagSequence)
		b.oid(oidCAPolicy)
		b.open(tagSequence)
		b.open(tagSequence)
		b.oid(oidCPS)
		b.str(tagIA5String, cps)
		b.close()
		b.close()
		b.close()
	}
	b.close()
	b.extClose()
}

// ctLogs are the log IDs the SCTs name.
var ctLogs = func() [][]byte {
	var out [][]byte
	var r rng = 0xc7
	for i := 0; i < 6; i++ {
		id := make([]byte, 32)
		r.bytes(id)
		out = append(out, id)
	}
	return out
}()

// scts appends an SCT list extension shaped as RFC 6962 section 3.3 says:
// n SCTs v1 with an ECDSA signature each, random where a real one is.
func (b *builder) scts(r *rng, n int, when time.Time, tmp []byte) []byte {
	list := tmp[:0]
	list = append(list, 0, 0)
	for k := 0; k < n; k++ {
		var sig [70]byte
		r.bytes(sig[:])
		sig[0], sig[1], sig[2], sig[3] = 0x30, 0x44, 0x02, 0x20
		sig[4] &= 0x7f
		sig[36], sig[37] = 0x02, 0x20
		sig[38] &= 0x7f
		sctLen := 1 + 32 + 8 + 2 + 2 + 2 + len(sig)
		list = append(list, byte(sctLen>>8), byte(sctLen), 0)
		list = append(list, ctLogs[(r.intn(len(ctLogs)))]...)
		ms := uint64(when.UnixMilli()) + uint64(r.intn(60000))
		for s := 56; s >= 0; s -= 8 {
			list = append(list, byte(ms>>s))
		}
		list = append(list, 0, 0, 4, 3, 0, byte(len(sig)))
		list = append(list, sig[:]...)
	}
	total := len(list) - 2
	list[0], list[1] = byte(total>>8), byte(total)
	b.extOpen(oidSCT, false)
	b.prim(tagOctetString, list)
	b.extClose()
	return list
}

// SAN entries.
func (b *builder) dnsName(s string) { b.str(ctxPrim(2), s) }
func (b *builder) email(s string)   { b.str(ctxPrim(1), s) }

func (b *builder) otherName(oid []byte, tag byte, s string) {
	b.open(ctxCons(0))
	b.oid(oid)
	b.open(ctxCons(0))
	b.str(tag, s)
	b.close()
	b.close()
}

func (b *builder) srv(s string)      { b.otherName(oidSRVName, tagIA5String, s) }
func (b *builder) xmppAddr(s string) { b.otherName(oidXmppAddr, tagUTF8String, s) }
func (b *builder) sanOpen()          { b.extOpen(oidSAN, false); b.open(tagSequence) }
func (b *builder) sanClose()         { b.close(); b.extClose() }
func (b *builder) serial(r *rng, n int) {
	s := make([]byte, n)
	r.bytes(s)
	s[0] = s[0]&0x7f | 0x10
	b.uint(s)
}
func (b *builder) validity(nb, na time.Time) {
	b.open(tagSequence)
	b.utcTime(nb)
	b.utcTime(na)
	b.close()
}
func (b *builder) extsOpen()  { b.open(ctxCons(3)); b.open(tagSequence) }
func (b *builder) extsClose() { b.close(); b.close() }
func (r *rng) id() []byte     { id := make([]byte, 20); r.bytes(id); return id }
func (r *rng) days(base time.Time, n int) time.Time {
	return base.Add(time.Duration(r.intn(n))*24*time.Hour + time.Duration(r.intn(86400))*time.Second)
}

// begin starts a certificate and its tbsCertificate up to the serial.
func (g *Gen) begin(r *rng, serialLen int) *builder {
	b := &g.b
	b.reset()
	b.open(tagSequence) // Certificate
	b.open(tagSequence) // TBSCertificate
	b.open(ctxCons(0))
	b.small(2)
	b.close()
	b.serial(r, serialLen)
	b.raw(ed25519AlgID)
	return b
}

// finish closes the tbsCertificate, signs it and closes the certificate.
func (g *Gen) finish(key ed25519.PrivateKey) []byte {
	b := &g.b
	b.close()
	sig := ed25519.Sign(key, b.buf[2:])
	b.raw(ed25519AlgID)
	b.bitString(sig)
	b.close()
	return b.buf
}

// leafKey draws a leaf's key: RSA (60%, a few 3072-bit) or P-256.
func leafKey(r *rng) (spki []byte, rsa bool) {
	if r.percent(60) {
		if r.percent(8) {
			return rsaSPKIs[len(rsaSPKIs)-1], true
		}
		return rsaSPKIs[r.intn(len(rsaSPKIs)-1)], true
	}
	return ecSPKIs[r.intn(len(ecSPKIs))], false
}

func (g *Gen) intermediate(c, root *ca, r *rng) []byte {
	b := g.begin(r, 16)
	b.raw(root.name)
	b.validity(caNotBefore, caNotAfter)
	b.raw(c.name)
	b.raw(ed25519SPKI(c.key.Public().(ed25519.PublicKey)))
	b.extsOpen()
	b.keyUsage(true, kuDigitalSignature|kuCertSign|kuCRLSign)
	b.eku(oidServerAuth, oidClientAuth)
	b.basicConstraints(true, true, 0)
	b.ski(c.ski)
	b.aki(root.ski)
	b.aia("", root.url+"x1.der")
	b.policies(oidDV, "")
	b.crlDP(root.url + "x1.crl")
	b.extsClose()
	return g.finish(root.key)
}

func (g *Gen) privateRoot(c *ca, r *rng) []byte {
	b := g.begin(r, 16)
	b.raw(c.name)
	b.validity(caNotBefore.AddDate(-1, 0, 0), caNotBefore.AddDate(9, 0, 0))
	b.raw(c.name)
	b.raw(ed25519SPKI(c.key.Public().(ed25519.PublicKey)))
	b.extsOpen()
	b.basicConstraints(true, true, -1)
	b.keyUsage(true, kuCertSign|kuCRLSign)
	b.ski(c.ski)
	b.extsClose()
	return g.finish(c.key)
}

// webLeaf is a Web PKI style leaf: DNS-IDs only, serverAuth (and clientAuth
// in 30%), AIA, CRL DP in about half, DV or OV policies, 2 or 3 SCTs.
func (g *Gen) webLeaf(d decision, r *rng) []byte {
	issuer := webCAs()[d.issuer]
	dom := domain(r)
	nb := r.days(leafBase, 330)
	life := 90
	switch r.intn(10) {
	case 0:
		life = 47
	case 1:
		life = 198
	case 2:
		life = 397
	}
	na := nb.Add(time.Duration(life)*24*time.Hour - time.Second)
	spki, rsa := leafKey(r)
	ov := r.percent(20)

	b := g.begin(r, 16+r.intn(3))
	b.raw(issuer.name)
	b.validity(nb, na)
	if ov {
		name(b, attr{oidC, tagPrintable, "DE"}, attr{oidST, tagUTF8String, "Land " + r.pick(words)},
			attr{oidL, tagUTF8String, r.pick(cities)}, attr{oidO, tagUTF8String, r.pick(orgs)}, attr{oidCN, tagUTF8String, dom})
	} else {
		name(b, attr{oidCN, tagUTF8String, dom})
	}
	b.raw(spki)
	b.extsOpen()
	if rsa {
		b.keyUsage(true, kuDigitalSignature|kuKeyEncipherment)
	} else {
		b.keyUsage(true, kuDigitalSignature)
	}
	if r.percent(30) {
		b.eku(oidServerAuth, oidClientAuth)
	} else {
		b.eku(oidServerAuth)
	}
	b.basicConstraints(true, false, -1)
	b.ski(r.id())
	b.aki(issuer.ski)
	b.aia(issuer.url+"ocsp", issuer.url+"ca.der")
	b.sanOpen()
	if r.percent(15) {
		b.dnsName("*." + dom)
	}
	b.dnsName(dom)
	extra := 0
	switch u := r.intn(10); {
	case u < 3:
	case u < 7:
		extra = 1
	case u < 9:
		extra = 2 + r.intn(3)
	default:
		extra = 5 + r.intn(15)
	}
	start := r.intn(len(prefixes))
	for j := 0; j < extra; j++ {
		if j < len(prefixes) && !(extra > 6 && r.percent(40)) {
			b.dnsName(prefixes[(start+j)%len(prefixes)] + "." + dom)
		} else {
			b.dnsName(strconv.Itoa(j) + "." + domain(r))
		}
	}
	b.sanClose()
	cps := ""
	if r.percent(40) {
		cps = "https://cps.bench-trust.example/" + strconv.Itoa(r.intn(5))
	}
	if ov {
		b.policies(oidOV, cps)
	} else {
		b.policies(oidDV, cps)
	}
	if r.percent(45) {
		b.crlDP(issuer.url + strconv.Itoa(r.intn(128)) + ".crl")
	}
	if r.percent(95) {
		g.tmp = b.scts(r, 2+r.intn(2), nb, g.tmp)
	}
	b.extsClose()
	return g.finish(issuer.key)
}

// xmppServer is a private XMPP server certificate. Variants by
// decision.variant: 0-29 Prosody-style self-signed (cA=TRUE, DNS-ID,
// XmppAddr and SRV-IDs per host), 30-44 ejabberd-style self-signed
// (CN and one DNS-ID, no EKU), 45-89 issued by a private CA (DNS-IDs,
// SRV-IDs, XmppAddr, serverAuth+clientAuth in most), 90-99 a private-CA
// certificate with one of ten defects the XMPP lints look for.
func (g *Gen) xmppServer(d decision, r *rng) []byte {
	dom := domain(r)
	nb := r.days(leafBase, 330)
	v := d.variant
	if v < 45 {
		k := r.intn(selfPoolSize)
		b := g.begin(r, 8+r.intn(9))
		subject := g.tmp[:0]
		sb := builder{buf: subject}
		if v < 30 {
			name(&sb, attr{oidO, tagUTF8String, "Prosody XMPP Server"}, attr{oidOU, tagUTF8String, "Automatically generated certificate"},
				attr{oidCN, tagUTF8String, dom}, attr{oidEmail, tagIA5String, "xmpp@" + dom})
		} else {
			name(&sb, attr{oidCN, tagUTF8String, dom})
		}
		g.tmp = sb.buf
		b.raw(sb.buf)
		if v < 30 {
			b.validity(nb, nb.AddDate(1, 0, 0))
		} else {
			b.validity(nb, nb.AddDate(10, 0, 0))
		}
		b.raw(sb.buf)
		b.raw(selfSPKIs[k])
		b.extsOpen()
		if v < 30 {
			b.basicConstraints(false, true, -1)
			b.keyUsage(false, kuDigitalSignature|kuNonRepudiation|kuKeyEncipherment)
			if r.percent(50) {
				b.eku(oidServerAuth, oidClientAuth)
			}
			b.sanOpen()
			hosts := []string{dom}
			if r.percent(50) {
				hosts = append(hosts, "conference."+dom)
			}
			if r.percent(40) {
				hosts = append(hosts, "upload."+dom)
			}
			for _, h := range hosts {
				b.dnsName(h)
				b.xmppAddr(h)
				b.srv("_xmpp-client." + h)
				b.srv("_xmpp-server." + h)
			}
			b.sanClose()
		} else {
			b.ski(r.id())
			b.sanOpen()
			b.dnsName(dom)
			b.sanClose()
		}
		b.extsClose()
		return g.finish(selfKeys[k])
	}

	issuer := privateCAs()[d.issuer-1]
	spki, rsa := leafKey(r)
	b := g.begin(r, 12+r.intn(8))
	b.raw(issuer.name)
	b.validity(nb, nb.AddDate(0, 6+r.intn(19), 0))
	defect := -1
	if v >= 90 {
		defect = v - 90
	}
	if r.percent(50) {
		name(b, attr{oidO, tagUTF8String, r.pick(orgs)}, attr{oidCN, tagUTF8String, dom})
	} else {
		name(b, attr{oidCN, tagUTF8String, dom})
	}
	b.raw(spki)
	b.extsOpen()
	switch {
	case defect == 9:
		b.basicConstraints(true, true, -1)
	case r.percent(60):
		b.basicConstraints(true, false, -1)
	}
	if rsa {
		b.keyUsage(true, kuDigitalSignature|kuKeyEncipherment)
	} else {
		b.keyUsage(true, kuDigitalSignature)
	}
	switch u := r.intn(10); {
	case defect == 5:
		b.eku(oidClientAuth)
	case defect == 6:
		b.eku(oidAnyEKU, oidServerAuth)
	case u < 7:
		b.eku(oidServerAuth, oidClientAuth)
	case u < 9:
		b.eku(oidServerAuth)
	}
	b.ski(r.id())
	b.aki(issuer.ski)
	if r.percent(30) {
		b.crlDP(issuer.url + "crl")
	}
	if defect != 0 { // defect 0: CN only, no SAN
		b.sanOpen()
		switch defect {
		case 1:
			b.dnsName(strings.ToUpper("xmpp." + dom))
			b.otherName(oidSRVName, tagUTF8String, "_xmpp-server."+dom)
		case 2:
			b.dnsName(dom + ".")
			b.otherName(oidXmppAddr, tagIA5String, dom)
		case 3:
			b.dnsName(dom)
			b.srv("_xmpps-server." + dom)
		case 4:
			b.dnsName("*." + dom)
			b.srv("_xmpp-server.*." + dom)
		case 7:
			b.dnsName("admin@" + dom)
			b.srv("_xmpp-server." + dom)
		case 8:
			b.dnsName(dom)
			b.srv("_xmpp-server._tcp." + dom)
		case 9:
			b.dnsName(dom)
			b.xmppAddr(r.pick(locals) + "@" + dom)
		default:
			b.dnsName(dom)
			switch u := r.intn(10); {
			case u < 2:
				b.dnsName("*." + dom)
			case u < 6:
				b.dnsName("conference." + dom)
				b.dnsName("upload." + dom)
			}
			b.srv("_xmpp-server." + dom)
			if r.percent(60) {
				b.srv("_xmpp-client." + dom)
			}
			if r.percent(70) {
				b.xmppAddr(dom)
			}
		}
		b.sanClose()
	}
	b.extsClose()
	return g.finish(issuer.key)
}

// xmppClient is a client certificate: XmppAddr localpart@domain (UTF8String,
// IA5String in 10%), an rfc822Name in 30%, clientAuth in most; issued by a
// private CA (decision.variant < 80) or self-signed.
func (g *Gen) xmppClient(d decision, r *rng) []byte {
	dom := domain(r)
	local := r.pick(locals)
	if r.percent(60) {
		local += strconv.Itoa(r.intn(10000))
	}
	jid := local + "@" + dom
	nb := r.days(leafBase, 330)
	var spki []byte
	var key ed25519.PrivateKey
	var issuer *ca
	if d.issuer > 0 {
		issuer = privateCAs()[d.issuer-1]
		spki, _ = leafKey(r)
		key = issuer.key
	} else {
		k := r.intn(selfPoolSize)
		spki, key = selfSPKIs[k], selfKeys[k]
	}
	b := g.begin(r, 10+r.intn(8))
	sb := builder{buf: g.tmp[:0]}
	switch r.intn(10) {
	case 0, 1, 2, 3, 4, 5, 6:
		name(&sb, attr{oidCN, tagUTF8String, jid})
	case 7, 8:
		name(&sb, attr{oidO, tagUTF8String, r.pick(orgs)}, attr{oidCN, tagUTF8String, local})
	default:
		name(&sb, attr{oidCN, tagUTF8String, local}, attr{oidEmail, tagIA5String, jid})
	}
	g.tmp = sb.buf
	if issuer != nil {
		b.raw(issuer.name)
	} else {
		b.raw(sb.buf)
	}
	b.validity(nb, nb.AddDate(1+r.intn(2), 0, 0))
	b.raw(sb.buf)
	b.raw(spki)
	b.extsOpen()
	if r.percent(90) {
		b.keyUsage(true, kuDigitalSignature)
	}
	switch u := r.intn(10); {
	case u < 8:
		b.eku(oidClientAuth)
	case u < 9:
		b.eku(oidClientAuth, oidEmailProt)
	}
	b.ski(r.id())
	if issuer != nil {
		b.aki(issuer.ski)
	}
	b.sanOpen()
	if r.percent(90) {
		b.xmppAddr(jid)
	} else {
		b.otherName(oidXmppAddr, tagIA5String, jid)
	}
	if r.percent(30) {
		b.email(jid)
	}
	b.sanClose()
	b.extsClose()
	return g.finish(key)
}
