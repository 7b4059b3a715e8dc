package input

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"
)

// key derives an Ed25519 key from a fixed seed.
func key(seed string) ed25519.PrivateKey {
	s := sha256.Sum256([]byte("xmpplint input test " + seed))
	return ed25519.NewKeyFromSeed(s[:])
}

// spec describes a test certificate.
type spec struct {
	cn       string
	ca       bool
	dns      []string
	xmpp     string            // an XmppAddr SAN
	keySeed  string            // defaults to cn
	parent   *x509.Certificate // nil: self-signed
	parentSK ed25519.PrivateKey
}

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// mint makes a certificate; it returns the DER, the parsed standard-library
// certificate (to issue others) and the key.
func mint(tb testing.TB, s spec) ([]byte, *x509.Certificate, ed25519.PrivateKey) {
	tb.Helper()
	seed := s.keySeed
	if seed == "" {
		seed = s.cn
	}
	k := key(seed)
	serial := sha256.Sum256([]byte(s.cn + "/" + seed))
	t := &x509.Certificate{
		SerialNumber:          new(big.Int).SetBytes(serial[:8]),
		Subject:               pkix.Name{CommonName: s.cn},
		NotBefore:             epoch,
		NotAfter:              epoch.AddDate(1, 0, 0),
		BasicConstraintsValid: true,
		IsCA:                  s.ca,
		DNSNames:              s.dns,
	}
	if s.ca {
		t.KeyUsage = x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature
	}
	id := sha256.Sum256(k.Public().(ed25519.PublicKey))
	t.SubjectKeyId = id[:20]
	if s.xmpp != "" {
		t.ExtraExtensions = append(t.ExtraExtensions, xmppAddrSAN(tb, s.xmpp, s.dns))
		t.DNSNames = nil
	}
	parent, parentKey := t, k
	if s.parent != nil {
		parent, parentKey = s.parent, s.parentSK
	}
	der, err := x509.CreateCertificate(nil, t, parent, k.Public(), parentKey)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	return der, c, k
}

// xmppAddrSAN builds a subjectAltName with an XmppAddr and DNS names.
func xmppAddrSAN(tb testing.TB, jid string, dns []string) pkix.Extension {
	tb.Helper()
	utf8, err := asn1.MarshalWithParams(jid, "utf8")
	if err != nil {
		tb.Fatal(err)
	}
	oid, err := asn1.Marshal(asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5})
	if err != nil {
		tb.Fatal(err)
	}
	value := tlv(0xa0, utf8...)                  // [0] EXPLICIT
	names := tlv(0xa0, append(oid, value...)...) // otherName [0]
	for _, d := range dns {
		names = append(names, tlv(0x82, []byte(d)...)...)
	}
	return pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: tlv(0x30, names...)}
}

func tlv(tag byte, content ...byte) []byte {
	b := []byte{tag}
	switch n := len(content); {
	case n < 0x80:
		b = append(b, byte(n))
	case n < 0x100:
		b = append(b, 0x81, byte(n))
	default:
		b = append(b, 0x82, byte(n>>8), byte(n))
	}
	return append(b, content...)
}

// fixture is a small set of certificates shared by the tests: a leaf
// issued by an intermediate issued by a root, and a second leaf.
type fixture struct {
	leaf, inter, root, other []byte
}

var (
	fixOnce sync.Once
	fix     fixture
)

func certs(tb testing.TB) fixture {
	tb.Helper()
	fixOnce.Do(func() {
		rootDER, root, rootKey := mint(tb, spec{cn: "Test Root", ca: true})
		interDER, inter, interKey := mint(tb, spec{cn: "Test Intermediate", ca: true, parent: root, parentSK: rootKey})
		leafDER, _, _ := mint(tb, spec{cn: "example.org", dns: []string{"example.org"}, parent: inter, parentSK: interKey})
		otherDER, _, _ := mint(tb, spec{cn: "example.net", dns: []string{"example.net"}, parent: inter, parentSK: interKey})
		fix = fixture{leaf: leafDER, inter: interDER, root: rootDER, other: otherDER}
	})
	return fix
}

// tbsOf returns the TBSCertificate of a certificate.
func tbsOf(tb testing.TB, der []byte) []byte {
	tb.Helper()
	c, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatal(err)
	}
	return append([]byte(nil), c.RawTBSCertificate...) // its own: callers append
}

func pemOf(typ string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
}

func certPEM(der []byte) string { return pemOf("CERTIFICATE", der) }

func b64(der []byte) string { return base64.StdEncoding.EncodeToString(der) }

// readAll reads one stream and returns its items.
func readAll(tb testing.TB, name, data string, opts Options) []Item {
	tb.Helper()
	var items []Item
	err := ReadFrom(context.Background(), name, strings.NewReader(data), opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		tb.Fatalf("ReadFrom: %v", err)
	}
	return items
}

// want describes an expected item: a certificate, or an error whose text
// holds every fragment given.
type want struct {
	der  []byte
	line int
	err  []string
}

func ok(der []byte, line int) want     { return want{der: der, line: line} }
func bad(fragments ...string) want     { return want{err: fragments} }
func badAt(line int, f ...string) want { return want{line: line, err: f} }

// checkItems checks items against wants and the invariants every item
// meets: numbering, naming, exactly one of DER and Err.
func checkItems(tb testing.TB, name string, got []Item, wants []want) {
	tb.Helper()
	checkInvariants(tb, name, got, DefaultMaxCertSize)
	if len(got) != len(wants) {
		for i, it := range got {
			tb.Logf("item %d: %s der=%d err=%v", i, it.Input, len(it.DER), it.Err)
		}
		tb.Fatalf("%d items, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		it := got[i]
		if w.err != nil {
			if it.Err == nil {
				tb.Errorf("item %d: no error, want one with %q", i, w.err)
				continue
			}
			for _, f := range w.err {
				if !strings.Contains(it.Err.Error(), f) {
					tb.Errorf("item %d: error %q lacks %q", i, it.Err, f)
				}
			}
		} else {
			if it.Err != nil {
				tb.Errorf("item %d: unexpected error %v", i, it.Err)
				continue
			}
			if !bytes.Equal(it.DER, w.der) {
				tb.Errorf("item %d: DER differs (%d bytes, want %d)", i, len(it.DER), len(w.der))
			}
		}
		if w.line != 0 && it.Line != w.line {
			tb.Errorf("item %d: line %d, want %d", i, it.Line, w.line)
		}
	}
}

// checkInvariants holds for any item sequence of one input.
func checkInvariants(tb testing.TB, name string, got []Item, maxCert int) {
	tb.Helper()
	for i, it := range got {
		if it.Path != name || it.Index != i || it.Input != name+"#"+itoa(i) {
			tb.Fatalf("item %d: Path %q Index %d Input %q", i, it.Path, it.Index, it.Input)
		}
		if (it.Err == nil) == (it.DER == nil) {
			tb.Fatalf("item %d: DER %d bytes and Err %v: want exactly one", i, len(it.DER), it.Err)
		}
		if len(it.DER) > maxCert {
			tb.Fatalf("item %d: %d bytes of DER over the cap %d", i, len(it.DER), maxCert)
		}
		if it.Err != nil {
			e, isE := it.Err.(*Error)
			if !isE || e.Path != name || !strings.HasPrefix(e.Error(), name+":") {
				tb.Fatalf("item %d: error %q does not name the input %q", i, it.Err, name)
			}
		}
	}
}

func itoa(i int) string { return big.NewInt(int64(i)).String() }
