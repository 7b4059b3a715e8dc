package check_test

import (
	"bytes"
	"crypto/ed25519"
	stdx509 "crypto/x509"
	stdasn1 "encoding/asn1"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"

	zasn1 "github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/xmpplint/xmpplint/bench"
	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// differential holds the checkers the decoder is compared under: every
// lint with the federation verdicts, role detected; and the server role
// forced with reference domains, so that the identity lints run.
type differential struct {
	dec, zc []*check.Checker
}

func newDifferential(tb testing.TB) *differential {
	tb.Helper()
	var d differential
	for _, opts := range []xmpp.Options{
		xmpp.DefaultOptions(),
		{Role: xmpp.RoleServer, Domains: []string{"example.org", "xn--bcher-kva.example", "chat.example.com"}, SRVTargets: []string{"xmpp.example.org"}},
	} {
		ch, err := check.New(check.Config{Options: opts, IncludeNames: bench.AllLints(), Federation: true})
		if err != nil {
			tb.Fatal(err)
		}
		d.dec = append(d.dec, ch)
		d.zc = append(d.zc, ch.ZcryptoOnly())
	}
	return &d
}

// line is a record as the audit writes it.
func line(r check.Record) []byte { return r.AppendJSON(nil) }

// zcryptoParse is zcrypto's parse, with a panic taken as a refusal.
func zcryptoParse(der []byte) (c *x509.Certificate, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = nil, fmt.Errorf("zcrypto panicked: %v", r)
		}
	}()
	return x509.ParseCertificate(der)
}

// outcome is what compare saw, for the tests' counts.
type outcome int

const (
	bothRead    outcome = iota // zcrypto parses, the decoder reads it too: records identical
	declined                   // zcrypto parses, the decoder leaves it to zcrypto
	moreAnswers                // zcrypto refuses, the decoder reads it, for a reason checked
	neither                    // both refuse: an error record, as before
)

// compare checks one certificate (a leaf, with its presented chain) on
// both paths and returns what happened to the leaf.
func (d *differential) compare(t *testing.T, name string, chain ...[]byte) outcome {
	t.Helper()
	der := chain[0]
	zc, zerr := zcryptoParse(der)
	dc, derr := check.Decode(der)
	g := check.Group{Leaf: check.Cert{Input: name + "#0", DER: der}}
	for i, ca := range chain[1:] {
		g.Chain = append(g.Chain, check.Cert{Input: fmt.Sprintf("%s#%d", name, i+1), DER: ca})
	}
	switch {
	case zerr == nil:
		if derr == nil {
			compareFields(t, name, dc, zc)
			if got := check.SelfSigned(dc); got != zc.SelfSigned {
				t.Errorf("%s: self-signed %v, zcrypto says %v", name, got, zc.SelfSigned)
			}
			if p := check.KeyProblem(dc.RawSubjectPublicKeyInfo); p != "" {
				t.Errorf("%s: zcrypto reads the key, yet: %s", name, p)
			}
		}
		for i := range d.dec {
			got, want := d.dec[i].Check(g), d.zc[i].Check(g)
			for j := range want {
				if a, b := line(got[j]), line(want[j]); !bytes.Equal(a, b) {
					t.Errorf("%s: config %d, record %d differs from zcrypto's path:\ndecoder: %s\nzcrypto: %s", name, i, j, a, b)
				}
			}
		}
		if derr != nil {
			if !errors.Is(derr, check.ErrDecline) {
				t.Errorf("%s: decode error %v is not a decline", name, derr)
			}
			return declined
		}
		return bothRead
	case derr != nil:
		rec := d.dec[0].CheckOne(g.Leaf)
		if rec.Error == "" || !strings.Contains(rec.Error, "not a parseable X.509 certificate") {
			t.Errorf("%s: zcrypto and the decoder refuse it, yet the record is %s", name, line(rec))
		}
		return neither
	}
	d.explain(t, name, der, dc, zerr)
	return moreAnswers
}

// compareFields compares every field decode fills with zcrypto's.
func compareFields(t *testing.T, name string, got, want *x509.Certificate) {
	t.Helper()
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for _, f := range check.DecodedFields {
		a, b := g.FieldByName(f), w.FieldByName(f)
		if !a.IsValid() {
			t.Fatalf("no field %s", f)
		}
		if !reflect.DeepEqual(a.Interface(), b.Interface()) {
			t.Errorf("%s: field %s: decoder %#v, zcrypto %#v", name, f, a.Interface(), b.Interface())
		}
	}
}

// explain checks the decoder's reason for reading a certificate zcrypto
// refuses: with its public key replaced by a good one (when the record
// notes a key problem) and the extensions no lint reads taken out,
// zcrypto must parse it, and its record must say what the decoder's says.
func (d *differential) explain(t *testing.T, name string, der []byte, dc *x509.Certificate, zerr error) {
	t.Helper()
	rec := d.dec[0].CheckOne(check.Cert{Input: name + "#0", DER: der})
	if rec.Error != "" {
		t.Errorf("%s: the decoder reads it but the record is an error: %s", name, rec.Error)
		return
	}
	problem := check.KeyProblem(dc.RawSubjectPublicKeyInfo)
	noted, extNotes := false, 0
	for _, n := range rec.Notes {
		noted = noted || strings.HasPrefix(n, "public key not decoded: ")
		if strings.Contains(n, " extension not decoded (") {
			extNotes++
		}
	}
	if noted != (problem != "") {
		t.Errorf("%s: key problem %q, notes %q", name, problem, rec.Notes)
	}
	broken := 0
	for _, e := range dc.Extensions {
		oid, err := stdasn1.Marshal(stdasn1.ObjectIdentifier(e.Id))
		if err == nil && readExtensions[string(oid[2:])] && check.ReadListExtension(oid[2:], e.Value) != nil {
			broken++
		}
	}
	nameNotes := 0
	for _, n := range rec.Notes {
		if strings.HasPrefix(n, "subject name: ") || strings.HasPrefix(n, "issuer name: ") {
			nameNotes++
		}
	}
	retagged := 0
	for _, raw := range [][]byte{dc.RawSubject, dc.RawIssuer} {
		if !bytes.Equal(retagName(raw), raw) {
			retagged++
		}
	}
	if nameNotes != retagged {
		t.Errorf("%s: %d names with values zcrypto refuses, %d notes about them: %q", name, retagged, nameNotes, rec.Notes)
	}
	if broken != extNotes {
		t.Errorf("%s: %d extensions the decoder could not read, %d notes about them: %q", name, broken, extNotes, rec.Notes)
	}
	norm, err := normalise(der, problem != "")
	if err != nil {
		t.Errorf("%s: zcrypto refuses it (%v), the decoder reads it, and it cannot be normalised: %v", name, zerr, err)
		return
	}
	zn, err := zcryptoParse(norm)
	if err != nil {
		t.Errorf("%s: zcrypto refuses it (%v) and the decoder reads it, but not for its key or an extension no lint reads: normalised, zcrypto still refuses it: %v", name, zerr, err)
		return
	}
	zn.SelfSigned = check.SelfSigned(dc) // the normalised signature cannot verify
	for i := range d.dec {
		got := d.dec[i].CheckOne(check.Cert{Input: name + "#0", DER: der})
		want := d.zc[i].LintParsed(check.Cert{Input: name + "#0", DER: norm}, zn)
		got.SHA256, want.SHA256 = "", ""
		got.Notes, want.Notes = nil, nil
		if a, b := line(got), line(want); !bytes.Equal(a, b) {
			t.Errorf("%s: config %d: the record differs from zcrypto's of the normalised certificate:\ndecoder: %s\nzcrypto: %s", name, i, a, b)
		}
	}
}

// readExtensions are the extensions the decoder reads; normalise takes out
// the others.
var readExtensions = map[string]bool{
	"\x55\x1d\x0f": true, "\x55\x1d\x13": true, "\x55\x1d\x11": true, "\x55\x1d\x25": true,
	"\x2b\x06\x01\x05\x05\x07\x01\x01": true,
}

var goodSPKI = func() []byte {
	spki, err := stdx509.MarshalPKIXPublicKey(ed25519.NewKeyFromSeed(make([]byte, 32)).Public())
	if err != nil {
		panic(err)
	}
	return spki
}()

// extValue returns the value of an Extension element.
func extValue(ext cryptobyte.String) []byte {
	var e, value cryptobyte.String
	if !ext.ReadASN1(&e, cbasn1.SEQUENCE) || !e.SkipASN1(cbasn1.OBJECT_IDENTIFIER) {
		return nil
	}
	e.SkipOptionalASN1(cbasn1.BOOLEAN)
	e.ReadASN1(&value, cbasn1.OCTET_STRING)
	return value
}

// extCritical reports an Extension element marked critical.
func extCritical(ext cryptobyte.String) bool {
	var e cryptobyte.String
	critical := false
	if ext.ReadASN1(&e, cbasn1.SEQUENCE) && e.SkipASN1(cbasn1.OBJECT_IDENTIFIER) && e.PeekASN1Tag(cbasn1.BOOLEAN) {
		e.ReadASN1Boolean(&critical)
	}
	return critical
}

// normalise rebuilds der with the extensions the decoder does not read,
// and those it reads but cannot (a subjectAltName or authorityInfoAccess is
// then taken as absent, an extKeyUsage as one with no purpose), taken out
// or emptied and, when newKey, a good Ed25519 key in place of its own. The
// signature is kept as it is (it no longer verifies).
func normalise(der []byte, newKey bool) ([]byte, error) {
	in := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, errors.New("no TBS")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			index := 0
			for !tbs.Empty() {
				var el, body cryptobyte.String
				var tag cbasn1.Tag
				if !tbs.ReadAnyASN1Element(&el, &tag) {
					b.SetError(errors.New("bad TBS element"))
					return
				}
				if index == 0 && tag != cbasn1.Tag(0).Constructed().ContextSpecific() {
					index++ // no version
				}
				switch {
				case index == 6 && newKey:
					b.AddBytes(goodSPKI)
				case index == 3 || index == 5:
					b.AddBytes(retagName(el))
				case tag == cbasn1.Tag(3).Constructed().ContextSpecific():
					body = el
					var exts, seq cryptobyte.String
					if !body.ReadASN1(&exts, tag) || !exts.ReadASN1(&seq, cbasn1.SEQUENCE) {
						b.SetError(errors.New("bad extensions"))
						return
					}
					b.AddASN1(tag, func(b *cryptobyte.Builder) {
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							for !seq.Empty() {
								var ext, e, oid cryptobyte.String
								if !seq.ReadASN1Element(&ext, cbasn1.SEQUENCE) {
									b.SetError(errors.New("bad extension"))
									return
								}
								e = ext
								if !e.ReadASN1(&e, cbasn1.SEQUENCE) || !e.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) {
									b.SetError(errors.New("bad extension"))
									return
								}
								switch {
								case !readExtensions[string(oid)]:
								case check.ReadListExtension(oid, extValue(ext)) == nil:
									b.AddBytes(ext)
								case string(oid) == "\x55\x1d\x25":
									// an unreadable extKeyUsage is one with no purpose
									b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
										b.AddASN1ObjectIdentifier(stdasn1.ObjectIdentifier{2, 5, 29, 37})
										if extCritical(ext) {
											b.AddASN1Boolean(true)
										}
										b.AddASN1OctetString([]byte{0x30, 0x00})
									})
								}
							}
						})
					})
				default:
					b.AddBytes(el)
				}
				index++
			}
		})
		b.AddBytes(cert)
	})
	return b.Bytes()
}

// retagName returns a Name with every PrintableString, IA5String or
// UTF8String value whose bytes zcrypto refuses for its type made a
// T61String, which zcrypto takes as written: the name the decoder reads.
func retagName(el []byte) []byte {
	in := cryptobyte.String(el)
	var seq cryptobyte.String
	if !in.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return el
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for !seq.Empty() {
			var set cryptobyte.String
			if !seq.ReadASN1(&set, cbasn1.SET) {
				b.SetError(errors.New("not a SET"))
				return
			}
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				for !set.Empty() {
					var atv, oid, val cryptobyte.String
					var tag cbasn1.Tag
					if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !atv.ReadASN1Element(&oid, cbasn1.OBJECT_IDENTIFIER) ||
						!atv.ReadAnyASN1(&val, &tag) || !atv.Empty() {
						b.SetError(errors.New("not an attribute"))
						return
					}
					if !stringOK(tag, val) {
						tag = cbasn1.T61String
					}
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddBytes(oid)
						b.AddASN1(tag, func(b *cryptobyte.Builder) { b.AddBytes(val) })
					})
				}
			})
		}
	})
	out, err := b.Bytes()
	if err != nil {
		return el
	}
	return out
}

// stringOK reports a value zcrypto's package reads as it is tagged.
func stringOK(tag cbasn1.Tag, val []byte) bool {
	switch tag {
	case cbasn1.PrintableString, cbasn1.IA5String, cbasn1.UTF8String:
		var b cryptobyte.Builder
		b.AddASN1(tag, func(b *cryptobyte.Builder) { b.AddBytes(val) })
		var v any
		_, err := zasn1.Unmarshal(b.BytesOrPanic(), &v)
		return err == nil
	}
	return true
}

// corpusInputs returns the certificates of corpus/ (each case's leaf with
// its chain) and of corpus/external (one each).
func corpusInputs(t testing.TB) (names []string, chains [][][]byte) {
	for _, c := range corpus.Cases() {
		ders, err := corpus.Load(c.Name)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, "corpus/"+c.Name)
		chains = append(chains, ders)
	}
	for i, der := range allDERs(t) {
		names = append(names, fmt.Sprintf("all/%d", i))
		chains = append(chains, [][]byte{der})
	}
	return names, chains
}

// TestDecodeDifferential: over corpus/, corpus/external and the benchmark
// corpus, every certificate zcrypto parses gives byte-identical records on
// the decoder's path, and every one it refuses that the decoder reads is
// explained.
func TestDecodeDifferential(t *testing.T) {
	d := newDifferential(t)
	counts := map[outcome]int{}
	names, chains := corpusInputs(t)
	for i := range names {
		counts[d.compare(t, names[i], chains[i]...)]++
	}
	t.Logf("corpus and external: %d read by both, %d left to zcrypto, %d read by the decoder only, %d by neither",
		counts[bothRead], counts[declined], counts[moreAnswers], counts[neither])
	if counts[bothRead] < 300 || counts[moreAnswers] < 19 {
		t.Errorf("expected the decoder to read the corpus and the 19 real certificates zcrypto refuses: %v", counts)
	}
	n := 3000
	if testing.Short() {
		n = 500
	}
	bc := map[outcome]int{}
	for i, der := range bench.Sample(n) {
		bc[d.compare(t, fmt.Sprintf("bench/%d", i), der)]++
	}
	t.Logf("benchmark corpus (%d lines): %d read by both, %d left to zcrypto, %d read by the decoder only, %d by neither",
		n, bc[bothRead], bc[declined], bc[moreAnswers], bc[neither])
	if bc[declined] > 0 {
		t.Errorf("the decoder left %d benchmark certificates to zcrypto", bc[declined])
	}
}

// TestEKUTable: every EKU OID of the decoder's table, and one unknown, are
// read as zcrypto reads them.
func TestEKUTable(t *testing.T) {
	var oids []stdasn1.ObjectIdentifier
	for dotted := range check.EKUByOID {
		var oid stdasn1.ObjectIdentifier
		for _, s := range strings.Split(dotted, ".") {
			n, err := strconv.Atoi(s)
			if err != nil {
				t.Fatalf("%q: %v", dotted, err)
			}
			oid = append(oid, n)
		}
		oids = append(oids, oid)
	}
	oids = append(oids, stdasn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 3, 1})
	tmpl := corpus.ServerTemplate()
	tmpl.Extra = append(tmpl.Extra, corpus.EKUExtension(false, oids...))
	tmpl.X509.SerialNumber = corpus.Serial("eku-table")
	der, err := tmpl.Sign(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	zc, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	dc, err := check.Decode(der)
	if err != nil {
		t.Fatal(err)
	}
	compareFields(t, "eku", dc, zc)
	if len(zc.ExtKeyUsage) != len(check.EKUByOID) || len(zc.UnknownExtKeyUsage) != 1 {
		t.Errorf("zcrypto knows %d of the table's %d EKUs and %d unknown, want all and 1", len(zc.ExtKeyUsage), len(check.EKUByOID), len(zc.UnknownExtKeyUsage))
	}
}

// FuzzDecode feeds zcrypto and the decoder the same DER and compares every
// lint result and verdict (compare); where zcrypto refuses and the decoder
// reads, the decoder's reason is checked (explain).
func FuzzDecode(f *testing.F) {
	names, chains := corpusInputs(f)
	for i := range names {
		f.Add(chains[i][0])
	}
	for _, der := range bench.Sample(60) {
		f.Add(der)
	}
	d := newDifferential(f)
	f.Fuzz(func(t *testing.T, der []byte) {
		if len(der) > 1<<16 {
			return
		}
		d.compare(t, "fuzz", der)
	})
}

// fuzzExtensions are the extensions FuzzDecodeExtension puts its values
// in: the ones the decoder reads and ones zcrypto checks that it does not.
var fuzzExtensions = [][]byte{
	{0x55, 0x1d, 0x0f}, // keyUsage
	{0x55, 0x1d, 0x13}, // basicConstraints
	{0x55, 0x1d, 0x11}, // subjectAltName
	{0x55, 0x1d, 0x25}, // extKeyUsage
	{0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01}, // authorityInfoAccess
	{0x55, 0x1d, 0x12}, // issuerAltName
	{0x55, 0x1d, 0x1f}, // cRLDistributionPoints
	{0x55, 0x1d, 0x20}, // certificatePolicies
	{0x55, 0x1d, 0x23}, // authorityKeyIdentifier
	{0x55, 0x1d, 0x0e}, // subjectKeyIdentifier
	{0x55, 0x1d, 0x1e}, // nameConstraints
	{0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x02}, // SCT list
}

// withExtension returns base (a certificate with extensions) with one more
// extension, of the given OID, criticality and value, after its own.
func withExtension(base []byte, oid []byte, critical bool, value []byte) ([]byte, error) {
	in := cryptobyte.String(base)
	var cert, tbs cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, errors.New("no TBS")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			for !tbs.Empty() {
				var el cryptobyte.String
				var tag cbasn1.Tag
				if !tbs.ReadAnyASN1Element(&el, &tag) {
					b.SetError(errors.New("bad TBS element"))
					return
				}
				if tag != cbasn1.Tag(3).Constructed().ContextSpecific() {
					b.AddBytes(el)
					continue
				}
				var exts, seq cryptobyte.String
				if !el.ReadASN1(&exts, tag) || !exts.ReadASN1(&seq, cbasn1.SEQUENCE) {
					b.SetError(errors.New("bad extensions"))
					return
				}
				b.AddASN1(tag, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
						b.AddBytes(seq)
						b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
							b.AddASN1(cbasn1.OBJECT_IDENTIFIER, func(b *cryptobyte.Builder) { b.AddBytes(oid) })
							if critical {
								b.AddASN1Boolean(true)
							}
							b.AddASN1OctetString(value)
						})
					})
				})
			}
		})
		b.AddBytes(cert)
	})
	return b.Bytes()
}

// extensionFuzzBase is the certificate FuzzDecodeExtension adds its
// extension to.
func extensionFuzzBase(tb testing.TB) []byte {
	tb.Helper()
	for _, der := range bench.Sample(40) {
		if c, err := x509.ParseCertificate(der); err == nil && len(c.OtherNames) > 0 {
			return der
		}
	}
	tb.Fatal("no benchmark certificate with an otherName")
	return nil
}

// FuzzDecodeExtension is FuzzDecode with the mutations aimed where the
// decoder and zcrypto read the most: one extension's value, in an
// otherwise well-formed certificate (one of the benchmark corpus's
// XMPP server certificates, which have extensions).
func FuzzDecodeExtension(f *testing.F) {
	base := extensionFuzzBase(f)
	for _, der := range bench.Sample(20) {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			continue
		}
		for _, e := range c.Extensions {
			for i, oid := range fuzzExtensions {
				if der, err := stdasn1.Marshal(stdasn1.ObjectIdentifier(e.Id)); err == nil && bytes.Equal(der[2:], oid) {
					f.Add(uint8(i), e.Critical, e.Value)
				}
			}
		}
	}
	d := newDifferential(f)
	f.Fuzz(func(t *testing.T, which uint8, critical bool, value []byte) {
		if len(value) > 1<<12 {
			return
		}
		der, err := withExtension(base, fuzzExtensions[int(which)%len(fuzzExtensions)], critical, value)
		if err != nil {
			t.Fatal(err)
		}
		d.compare(t, "fuzz-extension", der)
	})
}

// TestDecodeShapes: shapes the corpora may lack, each through compare (so
// records match zcrypto's, or the decoder's reason is checked) and with
// the outcome they must have.
func TestDecodeShapes(t *testing.T) {
	base := extensionFuzzBase(t)
	emptyExts, err := withExtensionsContent(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := newDifferential(t)
	cases := []struct {
		name  string
		der   []byte
		want  outcome
		notes string // a note the record must have
	}{
		{"empty extensions", emptyExts, bothRead, ""},
		{"@ in a PrintableString of the subject", atInSubject(t), moreAnswers, "subject name: "},
		{"SAN not a SEQUENCE", mustExtension(t, base, 2, []byte{0x04, 0x00}), moreAnswers, "subjectAltName extension not decoded"},
		{"SAN truncated", mustExtension(t, base, 2, []byte{0x30, 0x03, 0x82, 0x05, 0x41}), moreAnswers, "subjectAltName extension not decoded"},
		{"SAN IP of 1 byte", mustExtension(t, base, 2, []byte{0x30, 0x03, 0x87, 0x01, 0x01}), moreAnswers, "subjectAltName extension not decoded"},
		{"EKU empty OID", mustExtension(t, base, 3, []byte{0x30, 0x02, 0x06, 0x00}), moreAnswers, "extKeyUsage extension not decoded"},
		{"AIA truncated", mustExtension(t, base, 4, []byte{0x30, 0x03, 0x30, 0x01, 0x06}), moreAnswers, "authorityInfoAccess extension not decoded"},
		{"CRL DP garbage", mustExtension(t, base, 6, []byte{0x05}), moreAnswers, ""},
		{"KU garbage (zcrypto ignores it)", mustExtension(t, base, 0, []byte{0x05, 0x00}), bothRead, ""},
		{"BC with trailing element", mustExtension(t, base, 1, []byte{0x30, 0x08, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00, 0x05, 0x00}), bothRead, ""},
		{"BC pathLen not minimal", mustExtension(t, base, 1, []byte{0x30, 0x07, 0x01, 0x01, 0xff, 0x02, 0x02, 0x00, 0x01}), bothRead, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := d.compare(t, c.name, c.der); got != c.want {
				t.Errorf("outcome %d, want %d", got, c.want)
			}
			rec := d.dec[0].CheckOne(check.Cert{Input: "x#0", DER: c.der})
			if rec.Error != "" {
				t.Fatalf("error record: %s", rec.Error)
			}
			if c.notes != "" && !strings.Contains(strings.Join(rec.Notes, "\n"), c.notes) {
				t.Errorf("notes %q lack %q", rec.Notes, c.notes)
			}
		})
	}
}

func mustExtension(t *testing.T, base []byte, which int, value []byte) []byte {
	t.Helper()
	der, err := withExtension(base, fuzzExtensions[which], false, value)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// withExtensionsContent returns base with its extensions' SEQUENCE holding
// content (DER of Extension elements) in place of its own.
func withExtensionsContent(base, content []byte) ([]byte, error) {
	in := cryptobyte.String(base)
	var cert, tbs cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return nil, errors.New("no TBS")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			for !tbs.Empty() {
				var el cryptobyte.String
				var tag cbasn1.Tag
				if !tbs.ReadAnyASN1Element(&el, &tag) {
					b.SetError(errors.New("bad TBS element"))
					return
				}
				if tag != cbasn1.Tag(3).Constructed().ContextSpecific() {
					b.AddBytes(el)
					continue
				}
				b.AddASN1(tag, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddBytes(content) })
				})
			}
		})
		b.AddBytes(cert)
	})
	return b.Bytes()
}

// atInSubject returns base with an '@' in its subject's first
// PrintableString value (zcrypto refuses it; OpenSSL reads it).
func atInSubject(t *testing.T) []byte {
	t.Helper()
	tmpl := corpus.ServerTemplate()
	tmpl.X509.SerialNumber = corpus.Serial("at-in-subject")
	base, err := tmpl.Sign(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(base)
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.LastIndex(base, c.RawSubject) // the subject, after an equal issuer
	for j := 0; i >= 0 && j+7 < len(c.RawSubject); j++ {
		// an attribute type 2.5.4.x, then a PrintableString of 2 or more
		if bytes.HasPrefix(c.RawSubject[j:], []byte{0x06, 0x03, 0x55, 0x04}) && c.RawSubject[j+5] == 0x13 && c.RawSubject[j+6] >= 2 {
			der := append([]byte(nil), base...)
			der[i+j+8] = '@'
			return der
		}
	}
	t.Fatal("no PrintableString in the subject")
	return nil
}
