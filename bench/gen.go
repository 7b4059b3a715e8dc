package bench

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strconv"
	"sync"
	"time"
)

// Kind is what one line of the corpus holds.
type Kind int

// Kinds of lines.
const (
	// KindWebPKI: a Web PKI style leaf under one of four intermediates.
	KindWebPKI Kind = iota
	// KindIntermediate: the issuer of the leaf on the line before (a
	// presented chain: a Web PKI intermediate or a private XMPP CA).
	KindIntermediate
	// KindXMPPServer: a private XMPP server certificate (self-signed, or
	// under a private CA) with SRV-IDs and XmppAddrs, some with defects.
	KindXMPPServer
	// KindXMPPClient: a client certificate with an XmppAddr localpart@domain.
	KindXMPPClient
	// KindTruncated: valid base64 of a certificate cut short (a parse
	// error in the record).
	KindTruncated
	// KindGarbage: a line that is not base64 (a read error in the record).
	KindGarbage
	numKinds
)

var kindNames = [numKinds]string{"webpki-leaf", "intermediate", "xmpp-server", "xmpp-client", "truncated-der", "garbage-base64"}

func (k Kind) String() string {
	if k >= 0 && k < numKinds {
		return kindNames[k]
	}
	return "kind" + strconv.Itoa(int(k))
}

// Shares of the raw draw, per mille. A chained leaf (10% of the Web PKI
// and CA-issued XMPP leaves on even lines) is followed by its issuer on the
// next line, which replaces that line's draw: the intermediates take about
// 4% of the lines, taken evenly from the other kinds.
const (
	shareWebPKI    = 580
	shareServer    = 240
	shareClient    = 150
	shareTruncated = 20
	shareGarbage   = 10
	chainPercent   = 10
)

// rng is splitmix64: tiny, fast and fixed forever, so that a corpus line
// depends on its index only (math/rand's algorithms may change).
type rng uint64

func newRNG(i int, stream uint64) rng {
	r := rng(uint64(i)*0x9e3779b97f4a7c15 ^ stream*0xd1b54a32d192ed03 ^ 0x786d70706c696e74)
	r.next()
	return r
}

func (r *rng) next() uint64 {
	*r += 0x9e3779b97f4a7c15
	z := uint64(*r)
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

func (r *rng) percent(p int) bool { return r.intn(100) < p }

func (r *rng) bytes(dst []byte) {
	for i := 0; i < len(dst); i += 8 {
		var w [8]byte
		binary.LittleEndian.PutUint64(w[:], r.next())
		copy(dst[i:], w[:])
	}
}

func (r *rng) pick(words []string) string { return words[r.intn(len(words))] }

// decision is the draw of a line that later lines depend on.
type decision struct {
	kind    Kind
	issuer  int  // Web PKI intermediate, or private CA + 1 (0: self-signed)
	chained bool // the next line holds the issuer
	variant int
}

const (
	streamDecision = 1
	streamBody     = 2
)

func decide(i int) decision {
	r := newRNG(i, streamDecision)
	u := r.intn(1000)
	d := decision{variant: r.intn(100)}
	switch {
	case i == 0 || u < shareWebPKI: // line 0 is a certificate, for format detection
		d.kind = KindWebPKI
		d.issuer = r.intn(len(webCAs()))
	case u < shareWebPKI+shareServer:
		d.kind = KindXMPPServer
		if d.variant >= 45 { // see xmppServer: the CA-issued variants
			d.issuer = 1 + r.intn(len(privateCAs()))
		}
	case u < shareWebPKI+shareServer+shareClient:
		d.kind = KindXMPPClient
		if d.variant < 80 {
			d.issuer = 1 + r.intn(len(privateCAs()))
		}
	case u < shareWebPKI+shareServer+shareClient+shareTruncated:
		d.kind = KindTruncated
	default:
		d.kind = KindGarbage
	}
	canChain := d.kind == KindWebPKI || (d.kind != KindTruncated && d.kind != KindGarbage && d.issuer > 0)
	d.chained = i%2 == 0 && canChain && r.percent(chainPercent)
	return d
}

// Gen builds corpus lines. It is not safe for concurrent use: each
// goroutine needs its own.
type Gen struct {
	b   builder
	tmp []byte
}

// NewGen returns a generator.
func NewGen() *Gen {
	poolsOnce.Do(buildPools)
	return &Gen{}
}

// Cert returns the DER of line i and its kind: a certificate, a truncated
// certificate (KindTruncated), or nil for KindGarbage. The slice is the
// caller's.
func (g *Gen) Cert(i int) ([]byte, Kind) {
	der, k := g.cert(i)
	if der == nil {
		return nil, k
	}
	return append([]byte(nil), der...), k
}

// AppendLine appends line i (without its newline) to dst.
func (g *Gen) AppendLine(dst []byte, i int) ([]byte, Kind) {
	der, k := g.cert(i)
	if k == KindGarbage {
		return appendGarbage(dst, i), k
	}
	n := base64.StdEncoding.EncodedLen(len(der))
	dst = append(dst, make([]byte, n)...)
	base64.StdEncoding.Encode(dst[len(dst)-n:], der)
	return dst, k
}

// cert returns line i's DER in g's buffer.
func (g *Gen) cert(i int) ([]byte, Kind) {
	if i%2 == 1 {
		if prev := decide(i - 1); prev.chained {
			return g.issuerOf(prev), KindIntermediate
		}
	}
	d := decide(i)
	r := newRNG(i, streamBody)
	switch d.kind {
	case KindWebPKI:
		return g.webLeaf(d, &r), d.kind
	case KindXMPPServer:
		return g.xmppServer(d, &r), d.kind
	case KindXMPPClient:
		return g.xmppClient(d, &r), d.kind
	case KindTruncated:
		// A certificate of another line, cut short.
		var der []byte
		switch src := i + 1 + r.intn(1000); decide(src).kind {
		case KindXMPPServer:
			der = g.xmppServer(decide(src), &r)
		case KindXMPPClient:
			der = g.xmppClient(decide(src), &r)
		default:
			der = g.webLeaf(decision{kind: KindWebPKI}, &r)
		}
		return der[:16+r.intn(len(der)-32)], d.kind
	}
	return nil, KindGarbage
}

const garbageAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

// appendGarbage appends a line that is not base64: base64 characters with
// characters outside the alphabet among them.
func appendGarbage(dst []byte, i int) []byte {
	r := newRNG(i, streamBody)
	n := 40 + r.intn(400)
	start := len(dst)
	for j := 0; j < n; j++ {
		dst = append(dst, garbageAlphabet[r.intn(len(garbageAlphabet))])
	}
	for j := 0; j < 1+r.intn(4); j++ {
		dst[start+r.intn(n)] = "*!%$ ."[r.intn(6)]
	}
	return dst
}

// Stats counts the lines of a corpus by kind.
type Stats struct {
	Lines int
	Bytes int64
	Kinds [numKinds]int
}

func (s *Stats) add(o *Stats) {
	s.Lines += o.Lines
	s.Bytes += o.Bytes
	for k := range s.Kinds {
		s.Kinds[k] += o.Kinds[k]
	}
}

// String lists the counts with their shares.
func (s Stats) String() string {
	out := fmt.Sprintf("%d lines, %.1f MB:", s.Lines, float64(s.Bytes)/1e6)
	for k, n := range s.Kinds {
		out += fmt.Sprintf(" %s %d (%.1f%%)", Kind(k), n, 100*float64(n)/float64(max(s.Lines, 1)))
	}
	return out
}

// CA certificates, built once.
type ca struct {
	name []byte // DER Name
	ski  []byte
	key  ed25519.PrivateKey
	der  []byte
	url  string
}

var (
	casOnce     sync.Once
	webCAList   []*ca
	privCAList  []*ca
	benchRootCA *ca
)

func webCAs() []*ca     { casOnce.Do(buildCAs); return webCAList }
func privateCAs() []*ca { casOnce.Do(buildCAs); return privCAList }

func (g *Gen) issuerOf(d decision) []byte {
	if d.kind == KindWebPKI {
		return webCAs()[d.issuer].der
	}
	return privateCAs()[d.issuer-1].der
}

var (
	caNotBefore = time.Date(2025, time.March, 13, 0, 0, 0, 0, time.UTC)
	caNotAfter  = time.Date(2028, time.March, 12, 23, 59, 59, 0, time.UTC)
	leafBase    = time.Date(2025, time.October, 1, 0, 0, 0, 0, time.UTC)
)

func buildCAs() {
	poolsOnce.Do(buildPools)
	var g Gen
	var r rng = 0x5eed
	root := newCA("Bench Root X1", "Bench Trust Services", "http://x1.i.bench-trust.example/")
	root.der = nil // not in the corpus
	benchRootCA = root
	for k := 0; k < 4; k++ {
		c := newCA(fmt.Sprintf("Bench WebPKI CA R%d", k+1), "Bench Trust Services", fmt.Sprintf("http://r%d.i.bench-trust.example/", k+1))
		c.der = append([]byte(nil), g.intermediate(c, root, &r)...)
		webCAList = append(webCAList, c)
	}
	for k := 0; k < 2; k++ {
		c := newCA(fmt.Sprintf("Bench XMPP Private CA %d", k+1), "Bench XMPP Operators", fmt.Sprintf("http://pki%d.bench-xmpp.example/", k+1))
		c.der = append([]byte(nil), g.privateRoot(c, &r)...)
		privCAList = append(privCAList, c)
	}
}

func newCA(cn, org, url string) *ca {
	c := &ca{key: benchKey(cn), url: url}
	var b builder
	name(&b, attr{oidC, tagPrintable, "US"}, attr{oidO, tagPrintable, org}, attr{oidCN, tagPrintable, cn})
	c.name = b.buf
	var r rng = rng(len(cn)*7919 + len(org))
	for _, ch := range cn {
		r = r*31 + rng(ch)
	}
	c.ski = make([]byte, 20)
	r.bytes(c.ski)
	return c
}
