package check

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// Kinds of input a record can be about (Record.Kind, Cert.Kind).
const (
	// KindCertificate is a signed X.509 certificate.
	KindCertificate = "certificate"
	// KindPrecertificate is a certificate with the CT poison extension
	// (RFC 6962 3.1).
	KindPrecertificate = "precertificate"
	// KindTBS is a bare TBSCertificate, linted as the certificate it would
	// become once signed.
	KindTBS = "tbs"
	// KindCSR is a PKCS#10 certificate request, linted as the certificate
	// a CA would issue by copying its subject and requested extensions.
	KindCSR = "csr"
)

// csrNote is the note of every CSR record: what its results and verdicts
// assume.
const csrNote = "linted as the certificate a CA issues by copying the request's subject and requested extensions; " +
	"the federation verdicts assume so; what the CA fills in itself (EKU and key usage when none is requested, AIA, " +
	"validity, signature algorithm) is not the requester's and its lints are NA"

// DetectKind tells from its DER structure whether der is a certificate, a
// TBSCertificate or a PKCS#10 certificate request. A certificate and a
// precertificate look the same: both are KindCertificate here (Check
// tells them apart by the poison extension once parsed). Bytes that are
// none of them are KindCertificate too, for the certificate parser to
// reject with its own reason.
func DetectKind(der []byte) string {
	in := cryptobyte.String(der)
	var outer cryptobyte.String
	if !in.ReadASN1(&outer, cbasn1.SEQUENCE) {
		return KindCertificate
	}
	switch {
	case outer.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()), outer.PeekASN1Tag(cbasn1.INTEGER):
		// TBSCertificate: [0] version, or a v1 TBS's serial number.
		return KindTBS
	case !outer.PeekASN1Tag(cbasn1.SEQUENCE):
		return KindCertificate
	}
	// Certificate { tbs, alg, sig } or CertificationRequest { info, alg, sig }.
	var inner cryptobyte.String
	if !outer.ReadASN1(&inner, cbasn1.SEQUENCE) {
		return KindCertificate
	}
	// A v2/v3 TBS starts with [0]; a v1 TBS and a CertificationRequestInfo
	// both start INTEGER, SEQUENCE, SEQUENCE, and then the TBS has its
	// validity (a SEQUENCE), the request its [0] attributes.
	if !inner.SkipASN1(cbasn1.INTEGER) || !inner.SkipASN1(cbasn1.SEQUENCE) || !inner.SkipASN1(cbasn1.SEQUENCE) {
		return KindCertificate
	}
	if inner.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return KindCSR
	}
	return KindCertificate
}

// pre is what a TBS or CSR becomes before the certificate parser sees it:
// a certificate DER with a dummy signature, and for a CSR what verifying
// its self-signature needs.
type pre struct {
	kind string
	// orig is the input's own DER (Record.SHA256 hashes it).
	orig []byte
	// signed and sig are a CSR's CertificationRequestInfo and signature.
	signed, sig []byte
}

// prepare turns a TBS or a CSR into certificate DER that the one
// certificate parser reads. A certificate passes through. Kind c.Kind is
// taken as given when set (an error when the DER is another kind), else
// detected.
func (ch *Checker) prepare(c Cert) (Cert, *pre, error) {
	if c.Err != nil || len(c.DER) == 0 {
		return c, nil, nil
	}
	kind := DetectKind(c.DER)
	switch c.Kind {
	case "":
	case KindCertificate, KindPrecertificate:
		if kind != KindCertificate {
			return c, nil, fmt.Errorf("%s: given as a %s, but the DER is a %s", c.Input, c.Kind, kindWords(kind))
		}
	case KindTBS, KindCSR:
		if kind != c.Kind {
			return c, nil, fmt.Errorf("%s: given as a %s, but the DER is a %s", c.Input, kindWords(c.Kind), kindWords(kind))
		}
	default:
		return c, nil, fmt.Errorf("%s: unknown kind %q (want certificate, precertificate, tbs or csr)", c.Input, c.Kind)
	}
	c.Kind = kind
	if kind == KindCertificate {
		return c, nil, nil // no allocation on an audit's path
	}
	p := &pre{kind: kind, orig: c.DER}
	var err error
	switch kind {
	case KindTBS:
		c.DER, err = wrapTBS(c.DER)
	case KindCSR:
		c.DER, p.signed, p.sig, err = csrAsCertificate(c.DER, ch.now())
	}
	if err != nil {
		return c, p, fmt.Errorf("%s: not a parseable %s: %v", c.Input, kindWords(kind), err)
	}
	return c, p, nil
}

func kindWords(kind string) string {
	switch kind {
	case KindTBS:
		return "TBSCertificate"
	case KindCSR:
		return "certificate request (PKCS#10)"
	}
	return kind
}

func (ch *Checker) now() time.Time {
	if ch.cfg.Now != nil {
		return ch.cfg.Now()
	}
	return time.Now()
}

// dummySignature stands in for the signature of a TBS or CSR made into a
// certificate: no xmpplint lint reads a signature's value, only its
// algorithm, which is the TBS's own (pkimetal does the same).
var dummySignature = make([]byte, 64)

var errTrailing = errors.New("trailing data after the structure")

// wrapTBS makes a certificate of a TBSCertificate: the TBS, its own
// signature algorithm, and a dummy signature.
func wrapTBS(tbs []byte) ([]byte, error) {
	in := cryptobyte.String(tbs)
	var whole cryptobyte.String
	if !in.ReadASN1Element(&whole, cbasn1.SEQUENCE) {
		return nil, errors.New("not a DER SEQUENCE")
	}
	if !in.Empty() {
		return nil, errTrailing
	}
	var body, alg cryptobyte.String
	if outer := whole; !outer.ReadASN1(&body, cbasn1.SEQUENCE) ||
		!body.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!body.SkipASN1(cbasn1.INTEGER) ||
		!body.ReadASN1Element(&alg, cbasn1.SEQUENCE) {
		return nil, errors.New("no version, serial number and signature algorithm at its start")
	}
	return certificate(whole, alg)
}

// certificate builds Certificate ::= SEQUENCE { tbs, alg, dummy signature }.
func certificate(tbs, alg []byte) ([]byte, error) {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(alg)
		b.AddASN1BitString(dummySignature)
	})
	return b.Bytes()
}

// OIDs of a CSR made into a certificate.
var (
	oidExtensionRequest = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x0e} // 1.2.840.113549.1.9.14
	oidCommonName       = []byte{0x55, 0x04, 0x03}
)

// csrIssuer is the issuer name of a CSR made into a certificate; records
// of CSRs show no issuer.
const csrIssuer = "xmpplint: certificate request, not issued"

// csrAsCertificate makes a PKCS#10 request into the certificate a CA
// issues by copying it: the request's subject, public key and requested
// extensions, its signature algorithm, a placeholder issuer, and a
// validity from now for 90 days. It returns the signed
// CertificationRequestInfo and the signature for verification.
func csrAsCertificate(der []byte, now time.Time) (cert, signed, sig []byte, err error) {
	in := cryptobyte.String(der)
	var req cryptobyte.String
	if !in.ReadASN1(&req, cbasn1.SEQUENCE) {
		return nil, nil, nil, errors.New("not a DER SEQUENCE")
	}
	if !in.Empty() {
		return nil, nil, nil, errTrailing
	}
	var info, alg cryptobyte.String
	var bits asn1BitString
	if !req.ReadASN1Element(&info, cbasn1.SEQUENCE) || !req.ReadASN1Element(&alg, cbasn1.SEQUENCE) ||
		!bits.read(&req) || !req.Empty() {
		return nil, nil, nil, errors.New("not request info, signature algorithm and signature")
	}
	var version int64
	var body, subject, spki, attrs cryptobyte.String
	if outer := info; !outer.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Integer(&version) ||
		!body.ReadASN1Element(&subject, cbasn1.SEQUENCE) || !body.ReadASN1Element(&spki, cbasn1.SEQUENCE) ||
		!body.ReadASN1(&attrs, cbasn1.Tag(0).Constructed().ContextSpecific()) || !body.Empty() {
		return nil, nil, nil, errors.New("request info is not version, subject, public key and attributes")
	}
	if version != 0 {
		return nil, nil, nil, fmt.Errorf("request version %d, want 0 (v1)", version)
	}
	var exts []byte
	for !attrs.Empty() {
		var attr, oid, values cryptobyte.String
		if !attrs.ReadASN1(&attr, cbasn1.SEQUENCE) || !attr.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			!attr.ReadASN1(&values, cbasn1.SET) || !attr.Empty() {
			return nil, nil, nil, errors.New("malformed attribute")
		}
		if string(oid) != string(oidExtensionRequest) {
			continue
		}
		if exts != nil {
			return nil, nil, nil, errors.New("more than one extensionRequest attribute")
		}
		var e cryptobyte.String
		if !values.ReadASN1Element(&e, cbasn1.SEQUENCE) || !values.Empty() {
			return nil, nil, nil, errors.New("the extensionRequest attribute does not hold exactly one Extensions")
		}
		exts = e
	}
	notBefore := now.UTC().Truncate(time.Second)
	notAfter := notBefore.Add(90 * 24 * time.Hour)
	tbs, err := tbsForCSR(alg, notBefore, notAfter, subject, spki, exts)
	if err != nil {
		return nil, nil, nil, err
	}
	cert, err = certificate(tbs, alg)
	if err != nil {
		return nil, nil, nil, err
	}
	return cert, info, bits.bytes, nil
}

// tbsForCSR builds the TBSCertificate of a CSR made into a certificate.
func tbsForCSR(alg []byte, notBefore, notAfter time.Time, subject, spki, exts []byte) ([]byte, error) {
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
			b.AddASN1Int64(2) // v3
		})
		b.AddASN1Int64(1) // serial number
		b.AddBytes(alg)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { // issuer: CN=csrIssuer
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1(cbasn1.OBJECT_IDENTIFIER, func(b *cryptobyte.Builder) { b.AddBytes(oidCommonName) })
					b.AddASN1(cbasn1.UTF8String, func(b *cryptobyte.Builder) { b.AddBytes([]byte(csrIssuer)) })
				})
			})
		})
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			addTime(b, notBefore)
			addTime(b, notAfter)
		})
		b.AddBytes(subject)
		b.AddBytes(spki)
		if exts != nil {
			b.AddASN1(cbasn1.Tag(3).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) {
				b.AddBytes(exts)
			})
		}
	})
	return b.Bytes()
}

// addTime adds t as RFC 5280 4.1.2.5 wants: UTCTime through 2049,
// GeneralizedTime from 2050.
func addTime(b *cryptobyte.Builder, t time.Time) {
	if t.Year() < 2050 {
		b.AddASN1UTCTime(t)
	} else {
		b.AddASN1GeneralizedTime(t)
	}
}

// asn1BitString reads a DER BIT STRING of whole bytes.
type asn1BitString struct{ bytes []byte }

func (s *asn1BitString) read(in *cryptobyte.String) bool {
	var raw cryptobyte.String
	if !in.ReadASN1(&raw, cbasn1.BIT_STRING) || len(raw) == 0 || raw[0] != 0 {
		return false
	}
	s.bytes = raw[1:]
	return true
}

// finish completes the record of a TBS or CSR: its kind, the hash of the
// input's own DER, and for a CSR the self-signature check, the fields a CA
// fills in cleared, and the note.
func (p *pre) finish(rec *Record) {
	if p == nil || rec.Error != "" {
		return
	}
	rec.Kind = p.kind
	sum := sha256.Sum256(p.orig)
	rec.SHA256 = hex.EncodeToString(sum[:])
	if p.kind != KindCSR {
		return
	}
	rec.Issuer, rec.NotBefore, rec.NotAfter = "", "", ""
	rec.Notes = append(rec.Notes, csrNote)
}

// verifyCSR checks a CSR's self-signature with the public key and
// algorithm of the certificate made of it.
func (p *pre) verifyCSR(input string, c *x509.Certificate) (err error) {
	if p == nil || p.kind != KindCSR {
		return nil
	}
	if k, ok := c.PublicKey.(ed25519.PublicKey); ok && len(k) != ed25519.PublicKeySize {
		// zcrypto takes any length; crypto/ed25519 panics on it.
		return fmt.Errorf("%s: the certificate request's Ed25519 public key has %d bytes, not %d", input, len(k), ed25519.PublicKeySize)
	}
	defer func() {
		if r := recover(); r != nil { // a verifier's panic on a hostile key is this request's error
			err = fmt.Errorf("%s: the certificate request's self-signature could not be checked: %v", input, r)
		}
	}()
	if err := c.CheckSignature(c.SignatureAlgorithm, p.signed, p.sig); err != nil {
		return fmt.Errorf("%s: the certificate request's self-signature (%v) does not verify: %v", input, c.SignatureAlgorithm, err)
	}
	return nil
}
