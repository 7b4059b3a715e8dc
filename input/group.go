package input

import (
	"bytes"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
)

// Member is one certificate of a Group.
type Member struct {
	Item Item
	// Cert is the parsed certificate; nil when Item.Err is set or the DER
	// did not parse.
	Cert *x509.Certificate
}

// Group is a leaf with its presented chain, or a certificate that stands
// alone.
type Group struct {
	Head Member
	// Leaf reports that Head is taken as an end-entity certificate (see
	// Grouper); only a leaf has a chain.
	Leaf bool
	// Chain holds the CA certificates that follow Head in its input and
	// chain to it, nearest issuer first.
	Chain []Member
}

// MaxChain caps the length of a chain; a CA certificate beyond it stands
// alone.
const MaxChain = 16

// Grouper regroups the items of a Read, in order, into Groups, as a server
// presents its certificates in a fullchain.pem: each leaf is followed by
// the CA certificates that certify it. Every item added comes out exactly
// once, in the order added; the Grouper holds at most one group.
//
// The rules, for each certificate in turn:
//
//  1. A CA certificate (basicConstraints cA=TRUE) continues the open group
//     when that group has a leaf, the chain is shorter than MaxChain, and
//     the CA certifies the group's last certificate: its subject equals
//     that certificate's issuer (raw DER names), its subjectKeyIdentifier
//     equals that certificate's authorityKeyIdentifier when both are
//     present, and that certificate is not self-issued (a root, or a
//     self-signed leaf, ends a chain).
//  2. Otherwise the certificate opens a new group, as a leaf when it is
//     not a CA certificate; when it is one carrying an XMPP identity
//     (SRV-ID or XmppAddr); or when it is a CA certificate with a dNSName
//     and the first certificate of its input that parsed. The second case
//     is the self-signed certificate that XMPP servers' own tools make with
//     cA=TRUE (Prosody's, ejabberd's), which is what xmpplint's role
//     detection calls a server or client certificate too; the third is a
//     fullchain.pem whose leaf was wrongly issued with cA=TRUE. Any other
//     CA certificate, one that did not parse, and an error item stand
//     alone: an intermediate that follows no leaf, a CA bundle.
//
// A new input (another Path, or an Index that does not grow) closes the
// open group first.
//
// The Grouper reads only these fields of a certificate: RawSubject,
// RawIssuer, BasicConstraintsValid, IsCA, SubjectKeyId, AuthorityKeyId,
// DNSNames and the TypeID of OtherNames; a partial parse that fills them
// is enough.
type Grouper struct {
	emit func(Group) error

	open bool // cur holds a group that may grow
	cur  Group

	started    bool
	path       string
	last       int  // Index of the last item added
	seenParsed bool // a certificate of the current input has parsed
}

// NewGrouper returns a Grouper that hands each completed group to emit.
// emit may keep the group; an error from emit is returned by the Add or
// Flush that called it.
func NewGrouper(emit func(Group) error) *Grouper {
	return &Grouper{emit: emit}
}

// Add adds the next item and its parsed certificate (nil when it has none).
// It emits the groups the item completes: none, the open one, or the open
// one and the item's own when the item stands alone.
func (g *Grouper) Add(it Item, c *x509.Certificate) error {
	if it.Err != nil {
		c = nil
	}
	if !g.started || it.Path != g.path || it.Index <= g.last {
		if err := g.Flush(); err != nil {
			return err
		}
		g.started, g.path, g.seenParsed = true, it.Path, false
	}
	g.last = it.Index
	m := Member{Item: it, Cert: c}

	if g.open && len(g.cur.Chain) < MaxChain && certifies(c, g.tail()) {
		g.cur.Chain = append(g.cur.Chain, m)
		if selfIssued(c) { // a root: nothing can follow
			return g.Flush()
		}
		return nil
	}
	if err := g.Flush(); err != nil {
		return err
	}
	first := !g.seenParsed
	if c != nil {
		g.seenParsed = true
	}
	g.cur, g.open = Group{Head: m, Leaf: isLeaf(c, first)}, true
	if !g.cur.Leaf || selfIssued(c) { // nothing can join it
		return g.Flush()
	}
	return nil
}

// Flush emits the open group, if any. Call it at the end of the items.
func (g *Grouper) Flush() error {
	if !g.open {
		return nil
	}
	grp := g.cur
	g.cur, g.open = Group{}, false
	return g.emit(grp)
}

// tail is the last certificate of the open group.
func (g *Grouper) tail() *x509.Certificate {
	if n := len(g.cur.Chain); n > 0 {
		return g.cur.Chain[n-1].Cert
	}
	return g.cur.Head.Cert
}

// certifies reports whether CA certificate ca can be the issuer of c.
func certifies(ca, c *x509.Certificate) bool {
	if ca == nil || c == nil || !isCA(ca) || selfIssued(c) || !bytes.Equal(ca.RawSubject, c.RawIssuer) {
		return false
	}
	return len(ca.SubjectKeyId) == 0 || len(c.AuthorityKeyId) == 0 || bytes.Equal(ca.SubjectKeyId, c.AuthorityKeyId)
}

func isCA(c *x509.Certificate) bool { return c.BasicConstraintsValid && c.IsCA }

func selfIssued(c *x509.Certificate) bool {
	return c != nil && bytes.Equal(c.RawSubject, c.RawIssuer)
}

// isLeaf applies rule 2 of Grouper.
func isLeaf(c *x509.Certificate, first bool) bool {
	switch {
	case c == nil:
		return false
	case !isCA(c), hasXMPPIdentity(c):
		return true
	}
	return first && len(c.DNSNames) > 0
}

// XMPP identity types: id-on-dnsSRV (RFC 4985) and id-on-xmppAddr
// (RFC 6120 13.7.1.4).
var (
	oidSRVName  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 7}
	oidXmppAddr = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}
)

func hasXMPPIdentity(c *x509.Certificate) bool {
	for _, on := range c.OtherNames {
		if on.TypeID.Equal(oidSRVName) || on.TypeID.Equal(oidXmppAddr) {
			return true
		}
	}
	return false
}
