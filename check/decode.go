package check

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"net"
	"sync"
	"time"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The engine's decoder reads a certificate's DER straight into the fields
// of a zcrypto Certificate that xmpplint's lints, the federation verdicts
// and the records read (decodedFields lists them), and nothing else: no
// fingerprints but the SHA-256 of the DER, no re-marshalled TBS, no
// signature check, no parse of the extensions no lint reads (certificate
// policies, CRL distribution points, SCTs, name constraints, key
// identifiers...), and the public key is looked at only by KeyProblem.
//
// Where it reads a field, it reads it as zcrypto's parse does, with
// zcrypto's own ASN.1 package for what has subtle rules (names, times,
// algorithm identifiers, extension values), so that a certificate zcrypto
// parses gives the same lint results and records (TestDecodeDifferential,
// FuzzDecode). Its framing is strict DER read with cryptobyte: where the
// encoding is one zcrypto's more forgiving framing would take (trailing
// elements inside a SEQUENCE, a non-minimal version, unique identifiers of
// odd shape), decode declines and the engine falls back to zcrypto's parse,
// so such a certificate is read exactly as before.
//
// Where zcrypto refuses a certificate that OpenSSL reads, for something
// no lint needs or that can be taken as written, decode reads it and
// decodeNotes says what it did not understand: a public key zcrypto cannot
// read, a subjectAltName, extKeyUsage or authorityInfoAccess value it
// cannot read, string values of names it refuses. Extensions no lint reads
// are not looked into at all. TestUnreadableOnlyWhereOpenSSLRefuses checks
// with the openssl binary that what stays unreadable is unreadable there.

// errDecline is decode's answer for a certificate it leaves to zcrypto.
var errDecline = errors.New("left to zcrypto's parse")

// declineError says where decode stopped, for tests and debugging.
type declineError struct{ where string }

func (e *declineError) Error() string { return "decoder: " + e.where + ": " + errDecline.Error() }
func (e *declineError) Unwrap() error { return errDecline }

func decline(where string) error { return &declineError{where} }

// Extension OIDs decode reads beyond light.go's.
var (
	oidKeyUsage        = []byte{0x55, 0x1d, 0x0f}
	oidExtKeyUsage     = []byte{0x55, 0x1d, 0x25}
	oidCTPoison        = []byte{0x2b, 0x06, 0x01, 0x04, 0x01, 0xd6, 0x79, 0x02, 0x04, 0x03} // 1.3.6.1.4.1.11129.2.4.3
	oidAuthorityInfo   = []byte{0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x01, 0x01}
	oidAccessOCSP      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1}
	oidAccessCAIssuers = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 2}
)

// decodedFields are the Certificate fields decode fills, as zcrypto's
// parse fills them. Everything else is left zero; in particular SelfSigned
// (ask xmpp.Cert.SelfSigned, which verifies on demand), PublicKey and
// FingerprintSHA256 (nil marks a certificate decode made: zcrypto always
// sets it).
var decodedFields = []string{
	"Raw", "RawTBSCertificate", "Signature", "RawSubjectPublicKeyInfo", "RawSubject", "RawIssuer",
	"Version", "SignatureAlgorithm", "SignatureAlgorithmOID", "PublicKeyAlgorithmOID",
	"Issuer", "Subject", "NotBefore", "NotAfter", "Extensions", "KeyUsage",
	"BasicConstraintsValid", "IsCA", "MaxPathLen", "MaxPathLenZero",
	"OtherNames", "DNSNames", "EmailAddresses", "URIs", "IPAddresses",
	"ExtKeyUsage", "UnknownExtKeyUsage", "OCSPServer", "IssuingCertificateURL",
}

// decode reads der as described above. An error means only that decode
// leaves the certificate to zcrypto's parse (errors.Is(err, errDecline)).
func decode(der []byte) (*x509.Certificate, error) {
	c := newCert(der)
	if err := decodeInto(c, der); err != nil {
		releaseCert(c)
		return nil, err
	}
	return c, nil
}

// decodeInto is decode into c, a fresh Certificate with Raw set.
func decodeInto(c *x509.Certificate, der []byte) error {
	in := cryptobyte.String(der)
	var cert cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !in.Empty() {
		return decline("certificate SEQUENCE")
	}
	var tbsEl, tbs cryptobyte.String
	if !cert.ReadASN1Element(&tbsEl, cbasn1.SEQUENCE) {
		return decline("tbsCertificate")
	}
	c.RawTBSCertificate = tbsEl
	tbs = tbsEl
	tbs.ReadASN1(&tbs, cbasn1.SEQUENCE) // cannot fail: read as an element above

	// version [0] EXPLICIT INTEGER DEFAULT v1
	c.Version = 1
	if tbs.PeekASN1Tag(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		var wrap, v cryptobyte.String
		if !tbs.ReadASN1(&wrap, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
			!wrap.ReadASN1(&v, cbasn1.INTEGER) || !wrap.Empty() {
			return decline("version")
		}
		n, ok := derInt64(v)
		if !ok || n > math.MaxInt64-1 {
			return decline("version")
		}
		c.Version = int(n) + 1
	}
	var serial cryptobyte.String
	if !tbs.ReadASN1(&serial, cbasn1.INTEGER) || !derInteger(serial) {
		return decline("serialNumber")
	}
	var sigAlgEl, issuer, validity, subject, spki cryptobyte.String
	if !tbs.ReadASN1Element(&sigAlgEl, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&issuer, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&validity, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&subject, cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&spki, cbasn1.SEQUENCE) {
		return decline("tbsCertificate fields")
	}
	sigAlg, ok := algorithmIdentifier(sigAlgEl)
	if !ok {
		return decline("signature algorithm")
	}
	c.SignatureAlgorithm = x509.GetSignatureAlgorithmFromAI(sigAlg)
	c.SignatureAlgorithmOID = sigAlg.Algorithm
	c.RawIssuer, c.RawSubject = issuer, subject
	if !readName(&c.Issuer, issuer) || !readName(&c.Subject, subject) {
		return decline("name")
	}
	if nb, na, ok := fastValidity(validity); ok {
		c.NotBefore, c.NotAfter = nb, na
	} else {
		var times struct{ NotBefore, NotAfter time.Time }
		if rest, err := asn1.Unmarshal(validity, &times); err != nil || len(rest) > 0 {
			return decline("validity")
		}
		c.NotBefore, c.NotAfter = times.NotBefore, times.NotAfter
	}
	c.RawSubjectPublicKeyInfo = spki
	keyAlg, ok := readSPKI(spki)
	if !ok {
		return decline("subjectPublicKeyInfo")
	}
	c.PublicKeyAlgorithmOID = keyAlg.Algorithm

	// issuerUniqueID [1] IMPLICIT BIT STRING OPTIONAL,
	// subjectUniqueID [2] IMPLICIT BIT STRING OPTIONAL
	for _, tag := range []cbasn1.Tag{cbasn1.Tag(1).ContextSpecific(), cbasn1.Tag(2).ContextSpecific()} {
		var id cryptobyte.String
		var present bool
		if !tbs.ReadOptionalASN1(&id, &present, tag) || present && !derBitString(id) {
			return decline("unique identifier")
		}
	}
	var exts cryptobyte.String
	var present bool
	if !tbs.ReadOptionalASN1(&exts, &present, cbasn1.Tag(3).Constructed().ContextSpecific()) {
		return decline("extensions")
	}
	if present {
		var seq cryptobyte.String
		if !exts.ReadASN1(&seq, cbasn1.SEQUENCE) || !exts.Empty() || !readExtensions(c, seq) {
			return decline("extensions")
		}
	}
	if !tbs.Empty() {
		return decline("tbsCertificate trailing data")
	}
	var outerAlg, sig cryptobyte.String
	if !cert.ReadASN1Element(&outerAlg, cbasn1.SEQUENCE) || !cert.ReadASN1(&sig, cbasn1.BIT_STRING) || !cert.Empty() {
		return decline("signature")
	}
	if _, ok := algorithmIdentifier(outerAlg); !ok || !derBitString(sig) {
		return decline("signature")
	}
	c.Signature = asn1.BitString{Bytes: sig[1:], BitLength: (len(sig)-1)*8 - int(sig[0])}.RightAlign()
	return nil
}

// algorithmIdentifier reads an AlgorithmIdentifier element as zcrypto does.
func algorithmIdentifier(el []byte) (pkix.AlgorithmIdentifier, bool) {
	if ai, ok := fastAlgorithmIdentifier(el); ok {
		return ai, true
	}
	var ai pkix.AlgorithmIdentifier
	rest, err := asn1.Unmarshal(el, &ai)
	return ai, err == nil && len(rest) == 0
}

// readName fills n from a Name element as zcrypto's parse does, or, for a
// name zcrypto refuses only for the bytes of a PrintableString, IA5String
// or UTF8String value, with those values as written.
func readName(n *pkix.Name, el []byte) bool {
	rdns, ok := fastName(el)
	if !ok {
		if _, err := asn1.Unmarshal(el, &rdns); err != nil {
			// zcrypto refuses the name; OpenSSL reads it. Take its string
			// values as written where that is all that is wrong
			// (decodeNotes says so).
			if rdns, ok = lenientName(el); !ok {
				return false
			}
		}
	}
	n.FillFromRDNSequence(&rdns)
	return true
}

// readSPKI checks the frame of a SubjectPublicKeyInfo: an
// AlgorithmIdentifier and a BIT STRING, nothing after. The key itself is
// KeyProblem's business.
func readSPKI(el cryptobyte.String) (pkix.AlgorithmIdentifier, bool) {
	var body, alg, key cryptobyte.String
	if !el.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1Element(&alg, cbasn1.SEQUENCE) ||
		!body.ReadASN1(&key, cbasn1.BIT_STRING) || !body.Empty() || !derBitString(key) {
		return pkix.AlgorithmIdentifier{}, false
	}
	return algorithmIdentifier(alg)
}

// derInteger reports whether b is the content of an INTEGER that zcrypto's
// ASN.1 package accepts: not empty, minimally encoded.
func derInteger(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	return len(b) == 1 || !(b[0] == 0 && b[1]&0x80 == 0 || b[0] == 0xff && b[1]&0x80 == 0x80)
}

// derInt64 reads an INTEGER content that fits in an int64.
func derInt64(b []byte) (int64, bool) {
	if !derInteger(b) || len(b) > 8 {
		return 0, false
	}
	var n int64
	for _, x := range b {
		n = n<<8 | int64(x)
	}
	n <<= 64 - uint(len(b))*8 // sign-extend
	n >>= 64 - uint(len(b))*8
	return n, true
}

// derBitString reports whether b is the content of a BIT STRING that
// zcrypto's ASN.1 package accepts: a padding count of 0 to 7 whose padding
// bits are zero, none when there are no bits.
func derBitString(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	pad := b[0]
	return pad <= 7 && !(len(b) == 1 && pad > 0) && b[len(b)-1]&(1<<pad-1) == 0
}

// parseOID decodes OBJECT IDENTIFIER content as zcrypto's ASN.1 package
// does, with its limits: arcs fit in an int32, none starts with 0x80.
func parseOID(b []byte) (asn1.ObjectIdentifier, bool) {
	return appendOID(make([]int, 0, len(b)+1), b)
}

// appendOID is parseOID into dst's spare capacity: the OID is
// dst[len(dst):] grown by its arcs, which fit when cap(dst)-len(dst) >
// len(b).
func appendOID(dst []int, b []byte) (asn1.ObjectIdentifier, bool) {
	if len(b) == 0 {
		return nil, false
	}
	s := asn1.ObjectIdentifier(dst[len(dst):])
	for off, first := 0, true; off < len(b); first = false {
		var v int64
		done := false
		for shifted := 0; off < len(b); shifted++ {
			if shifted == 5 || shifted == 0 && b[off] == 0x80 {
				return nil, false
			}
			x := b[off]
			off++
			v = v<<7 | int64(x&0x7f)
			if x&0x80 == 0 {
				done = true
				break
			}
		}
		if !done || v > math.MaxInt32 {
			return nil, false
		}
		if first {
			if v < 80 {
				s = append(s, int(v/40), int(v%40))
			} else {
				s = append(s, 2, int(v-80))
			}
			continue
		}
		s = append(s, int(v))
	}
	return s, true
}

// readExtensions reads the SEQUENCE OF Extension into c: every extension
// into c.Extensions, and the ones the lints read into their fields, in
// order, as zcrypto's parse does (a later extension of the same type
// replaces or adds to an earlier one as it does there).
func readExtensions(c *x509.Certificate, seq cryptobyte.String) bool {
	// One allocation for the extensions and one for their OIDs' arcs
	// (an OID has at most one arc per content byte, plus one).
	n, oidBytes := 0, 0
	for count := seq; !count.Empty(); n++ {
		var ext, oid cryptobyte.String
		if !count.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) {
			return false
		}
		oidBytes += len(oid)
	}
	if n == 0 {
		return true // zcrypto leaves Extensions nil
	}
	c.Extensions = make([]pkix.Extension, 0, n)
	arcs := make([]int, 0, oidBytes+n)
	for !seq.Empty() {
		var ext, oid, value cryptobyte.String
		var critical bool
		if !seq.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			ext.PeekASN1Tag(cbasn1.BOOLEAN) && !ext.ReadASN1Boolean(&critical) ||
			!ext.ReadASN1(&value, cbasn1.OCTET_STRING) || !ext.Empty() {
			return false
		}
		if cap(arcs)-len(arcs) < len(oid)+1 {
			arcs = make([]int, 0, len(oid)+1)
		}
		id, ok := appendOID(arcs, oid)
		if !ok {
			return false
		}
		arcs = id[len(id):]
		id = id[:len(id):len(id)]
		c.Extensions = append(c.Extensions, pkix.Extension{Id: id, Critical: critical, Value: value})
		switch string(oid) {
		case string(oidKeyUsage):
			if usage, ok := fastKeyUsage(value); ok {
				c.KeyUsage = x509.KeyUsage(usage)
				break
			}
			var bits asn1.BitString
			if _, err := asn1.Unmarshal(value, &bits); err == nil {
				usage := 0
				for i := 0; i < 9; i++ {
					if bits.At(i) != 0 {
						usage |= 1 << uint(i)
					}
				}
				c.KeyUsage = x509.KeyUsage(usage)
			}
		case string(oidBasicConstraints):
			if isCA, maxPathLen, ok := fastBasicConstraints(value); ok {
				c.BasicConstraintsValid = true
				c.IsCA = isCA
				c.MaxPathLen = maxPathLen
				c.MaxPathLenZero = maxPathLen == 0
				break
			}
			var bc struct {
				IsCA       bool `asn1:"optional"`
				MaxPathLen int  `asn1:"optional,default:-1"`
			}
			if _, err := asn1.Unmarshal(value, &bc); err == nil {
				c.BasicConstraintsValid = true
				c.IsCA = bc.IsCA
				c.MaxPathLen = bc.MaxPathLen
				c.MaxPathLenZero = bc.MaxPathLen == 0
			}
		case string(oidCTPoison):
			// A precertificate (RFC 6962 3.1): the poison's value is NULL;
			// any other makes zcrypto refuse the certificate.
			if string(value) != "\x05\x00" {
				return false
			}
			c.IsPrecert = true
		case string(oidSubjectAltName), string(oidExtKeyUsage), string(oidAuthorityInfo):
			// zcrypto fails the whole certificate on one of these it cannot
			// read; OpenSSL reads the certificate. The decoder goes on
			// without the values (the extension stays in c.Extensions: an
			// unreadable extKeyUsage is an extKeyUsage with no purpose),
			// and the record says so (decodeNotes).
			_ = readListExtension(c, string(oid), value)
		}
	}
	return true
}

// readListExtension reads a subjectAltName, extKeyUsage or
// authorityInfoAccess value into c, as zcrypto's parse does; on an error,
// c is as it was.
func readListExtension(c *x509.Certificate, oid string, value []byte) error {
	switch oid {
	case string(oidSubjectAltName):
		return readGeneralNames(c, value)
	case string(oidExtKeyUsage):
		return readEKU(c, value)
	case string(oidAuthorityInfo):
		return readAIA(c, value)
	}
	return nil
}

func readEKU(c *x509.Certificate, value []byte) error {
	if known, unknown, ok := fastEKU(value); ok {
		c.ExtKeyUsage = append(c.ExtKeyUsage, known...)
		c.UnknownExtKeyUsage = append(c.UnknownExtKeyUsage, unknown...)
		return nil
	}
	var oids []asn1.ObjectIdentifier
	if _, err := asn1.Unmarshal(value, &oids); err != nil {
		return err
	}
	for _, u := range oids {
		if eku, ok := ekuByOID[u.String()]; ok {
			c.ExtKeyUsage = append(c.ExtKeyUsage, eku)
		} else {
			c.UnknownExtKeyUsage = append(c.UnknownExtKeyUsage, u)
		}
	}
	return nil
}

func readAIA(c *x509.Certificate, value []byte) error {
	aia, ok := fastAIA(value)
	if !ok {
		if _, err := asn1.Unmarshal(value, &aia); err != nil {
			return err
		}
	}
	for _, a := range aia {
		if a.Location.Tag != 6 {
			continue
		}
		switch {
		case a.Method.Equal(oidAccessOCSP):
			c.OCSPServer = append(c.OCSPServer, string(a.Location.Bytes))
		case a.Method.Equal(oidAccessCAIssuers):
			c.IssuingCertificateURL = append(c.IssuingCertificateURL, string(a.Location.Bytes))
		}
	}
	return nil
}

// readGeneralNames reads a subjectAltName value into c as zcrypto's
// parseGeneralNames does: the names the lints read are kept (a later SAN
// extension replaces an earlier one's), the others are only checked, and
// a name zcrypto cannot read fails the certificate as it does there.
func readGeneralNames(c *x509.Certificate, value []byte) error {
	if g, ok := fastGeneralNames(value); ok {
		c.OtherNames, c.DNSNames, c.EmailAddresses, c.URIs = g.others, g.dns, g.emails, g.uris
		c.IPAddresses = nil
		for _, ip := range g.ips {
			c.IPAddresses = append(c.IPAddresses, ip)
		}
		return nil
	}
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(value, &seq); err != nil {
		return err
	}
	if !seq.IsCompound || seq.Tag != 16 || seq.Class != 0 {
		return asn1.StructuralError{Msg: "bad SAN sequence"}
	}
	var others []pkix.OtherName
	var dns, emails, uris []string
	var ips []net.IP
	rest := seq.Bytes
	for len(rest) > 0 {
		var v asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &v); err != nil {
			return err
		}
		switch v.Tag {
		case 0:
			var on pkix.OtherName
			if _, err := asn1.UnmarshalWithParams(v.FullBytes, &on, "tag:0"); err != nil {
				return err
			}
			others = append(others, on)
		case 1:
			emails = append(emails, string(v.Bytes))
		case 2:
			dns = append(dns, string(v.Bytes))
		case 4:
			var rdns pkix.RDNSequence
			if _, err := asn1.Unmarshal(v.Bytes, &rdns); err != nil {
				return err
			}
		case 5:
			var edi pkix.EDIPartyName
			if _, err := asn1.UnmarshalWithParams(v.FullBytes, &edi, "tag:5"); err != nil {
				return err
			}
		case 6:
			uris = append(uris, string(v.Bytes))
		case 7:
			if len(v.Bytes) != 4 && len(v.Bytes) != 16 {
				return fmt.Errorf("x509: certificate contained IP address of length %d", len(v.Bytes))
			}
			ips = append(ips, v.Bytes)
		case 8:
			var id asn1.ObjectIdentifier
			if _, err := asn1.UnmarshalWithParams(v.FullBytes, &id, "tag:8"); err != nil {
				return err
			}
		}
	}
	c.OtherNames, c.DNSNames, c.EmailAddresses, c.URIs = others, dns, emails, uris
	c.IPAddresses = ips
	return nil
}

// certPool recycles the Certificates decode fills (3 kB each): Check hands
// back the ones it decoded once their records are made, which refer to
// none of their memory.
var certPool = sync.Pool{New: func() any { return new(x509.Certificate) }}

func newCert(der []byte) *x509.Certificate {
	c := certPool.Get().(*x509.Certificate)
	*c = x509.Certificate{Raw: der}
	return c
}

// releaseCert hands c back for reuse if decode made it; c must not be used
// afterwards.
func releaseCert(c *x509.Certificate) {
	if c != nil && decodedHere(c) {
		*c = x509.Certificate{}
		certPool.Put(c)
	}
}

// checkOwnSignature verifies c's signature with pub, its own key. A key
// that zcrypto reads but the standard verifiers refuse by panicking (an
// Ed25519 key of the wrong length) verifies nothing.
func checkOwnSignature(c *x509.Certificate, pub any) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return x509.CheckSignatureFromKey(pub, c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// decodedHere reports whether c was made by decode rather than zcrypto's
// parse, which always sets FingerprintSHA256.
func decodedHere(c *x509.Certificate) bool { return c.FingerprintSHA256 == nil && len(c.Raw) > 0 }

// selfSigned answers xmpp.Cert.SelfSigned for the certificates the engine
// reads. For one zcrypto parsed, it is zcrypto's answer, found while
// parsing. For one decode made, nothing was verified while decoding; asked
// (by the few lints and verdicts that care, and only about a certificate
// whose issuer is its subject), it checks the signature with the
// certificate's key as zcrypto's parse does. When zcrypto cannot read the
// key (a curve it does not know, say), the signature cannot be checked,
// and issuer = subject with key identifiers that do not contradict it (no
// authorityKeyIdentifier, or one equal to the subjectKeyIdentifier) is
// taken as self-signed.
func selfSigned(c *x509.Certificate) bool {
	if !decodedHere(c) {
		return c.SelfSigned
	}
	if !bytes.Equal(c.RawSubject, c.RawIssuer) {
		return false
	}
	pub, err := x509.ParsePKIXPublicKey(c.RawSubjectPublicKeyInfo)
	if err == nil {
		return checkOwnSignature(c, pub)
	}
	if err.Error() == errUnknownKeyAlgorithm {
		return false // zcrypto keeps no key, and so verifies nothing
	}
	ids, err := LightParse(c.Raw)
	if err != nil {
		return false
	}
	return len(ids.AuthorityKeyId) == 0 || bytes.Equal(ids.AuthorityKeyId, ids.SubjectKeyId)
}

// Public key algorithms and named curves KeyProblem names.
var (
	oidKeyRSA  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	oidKeyEC   = asn1.ObjectIdentifier{1, 2, 840, 10045, 2, 1}
	curveNames = map[string]string{
		"1.2.840.10045.3.1.1":   "P-192 (prime192v1)",
		"1.2.840.10045.3.1.7":   "P-256",
		"1.3.132.0.33":          "P-224",
		"1.3.132.0.34":          "P-384",
		"1.3.132.0.35":          "P-521",
		"1.3.132.0.10":          "secp256k1",
		"1.3.132.0.31":          "secp192k1",
		"1.3.132.0.32":          "secp224k1",
		"1.3.36.3.3.2.8.1.1.1":  "brainpoolP160r1",
		"1.3.36.3.3.2.8.1.1.3":  "brainpoolP192r1",
		"1.3.36.3.3.2.8.1.1.5":  "brainpoolP224r1",
		"1.3.36.3.3.2.8.1.1.7":  "brainpoolP256r1",
		"1.3.36.3.3.2.8.1.1.9":  "brainpoolP320r1",
		"1.3.36.3.3.2.8.1.1.11": "brainpoolP384r1",
		"1.3.36.3.3.2.8.1.1.13": "brainpoolP512r1",
		"1.2.840.10045.3.1.2":   "prime192v2",
		"1.2.840.10045.3.1.3":   "prime192v3",
		"1.2.840.10045.3.1.4":   "prime239v1",
		"1.2.840.10045.3.1.5":   "prime239v2",
		"1.2.840.10045.3.1.6":   "prime239v3",
		"1.3.132.0.8":           "secp160r1",
		"1.3.132.0.9":           "secp160k1",
		"1.3.132.0.30":          "secp160r2",
		"1.3.132.0.6":           "secp112r1",
		"1.3.132.0.28":          "secp128r1",
	}
)

// errUnknownKeyAlgorithm is x509.ParsePKIXPublicKey's error for a key
// algorithm zcrypto does not know; its certificate parse takes such a key
// without reading it.
const errUnknownKeyAlgorithm = "x509: unknown public key algorithm"

// keyNote is the start of every note about a public key.
const keyNote = "public key not decoded: "

// KeyProblem says why zcrypto's parse (and Go's crypto/x509) would refuse
// the public key of spki, a SubjectPublicKeyInfo, or returns "" when it
// reads it, or takes it without reading (an algorithm it does not know).
// xmpplint's lints do not use the key, so a certificate with such a key is
// linted all the same, and its record carries this as a note.
func KeyProblem(spki []byte) string {
	if fastKeyOK(spki) {
		return ""
	}
	_, err := x509.ParsePKIXPublicKey(spki)
	if err == nil || err.Error() == errUnknownKeyAlgorithm {
		return ""
	}
	var info struct {
		Algorithm pkix.AlgorithmIdentifier
		PublicKey asn1.BitString
	}
	if _, perr := asn1.Unmarshal(spki, &info); perr != nil {
		return keyNote + "the SubjectPublicKeyInfo is not DER: " + err.Error()
	}
	alg := info.Algorithm
	switch {
	case alg.Algorithm.Equal(oidKeyEC):
		var curve asn1.ObjectIdentifier
		if _, perr := asn1.Unmarshal(alg.Parameters.FullBytes, &curve); perr == nil {
			name := curveNames[curve.String()]
			if name == "" {
				name = "an unnamed curve"
			}
			if errors.Is(err, x509.ErrUnsupportedEllipticCurve) {
				return keyNote + "elliptic curve " + name + " (" + curve.String() + ") is not one zcrypto or Go's crypto/x509 reads (they know P-224, P-256, P-384 and P-521); OpenSSL reads it; no lint needs the key"
			}
			return keyNote + "EC key on " + name + ": " + err.Error() + "; no lint needs the key"
		}
		if alg.Parameters.Tag == 16 && alg.Parameters.IsCompound {
			return keyNote + "EC key with explicit curve parameters (RFC 5480 2.1.1 allows only a named curve in certificates; OpenSSL reads them, zcrypto and Go's crypto/x509 do not); no lint needs the key"
		}
		return keyNote + "EC key whose parameters are not a named curve: " + err.Error() + "; no lint needs the key"
	case alg.Algorithm.Equal(oidKeyRSA) && err.Error() == "x509: RSA modulus is not a positive number":
		if negativeModulus(info.PublicKey.RightAlign()) {
			return keyNote + "the RSA modulus is encoded as a negative INTEGER (its first byte has the high bit set with no leading zero byte), a DER error; OpenSSL reads the bytes as an unsigned number and accepts the key, so TLS stacks built on OpenSSL (the servers xmpplint checks against: Prosody via LuaSec, ejabberd via fast_tls) use it; zcrypto and Go's crypto/x509 refuse it; no lint needs the key"
		}
		return keyNote + "the RSA modulus is zero; no lint needs the key"
	}
	return keyNote + err.Error() + "; no lint needs the key"
}

// negativeModulus reports an RSAPublicKey whose modulus INTEGER is negative.
func negativeModulus(key []byte) bool {
	s := cryptobyte.String(key)
	var seq, n cryptobyte.String
	return s.ReadASN1(&seq, cbasn1.SEQUENCE) && seq.ReadASN1(&n, cbasn1.INTEGER) && len(n) > 0 && n[0]&0x80 != 0
}

// The extensions decodeNotes looks at, as zcrypto's OIDs.
var (
	oidSANArcs = asn1.ObjectIdentifier{2, 5, 29, 17}
	oidEKUArcs = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidAIAArcs = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 1}
)

// decodeNotes says what decode did not understand in c, which it made:
// a public key zcrypto cannot read (KeyProblem), a subject or issuer name
// with string values zcrypto refuses, and a subjectAltName,
// extKeyUsage or authorityInfoAccess value zcrypto cannot read, from which
// the lints got no values. It re-reads such an extension only when c's fields
// leave room for a failure (the extension present, nothing read from it,
// or present twice), so that the usual certificate costs nothing here.
func decodeNotes(c *x509.Certificate) []string {
	var notes []string
	if p := KeyProblem(c.RawSubjectPublicKeyInfo); p != "" {
		notes = append(notes, p)
	}
	for _, n := range []struct {
		which string
		raw   []byte
	}{{"subject", c.RawSubject}, {"issuer", c.RawIssuer}} {
		if strictNameShape(n.raw) {
			continue
		}
		var rdns pkix.RDNSequence
		if _, err := asn1.Unmarshal(n.raw, &rdns); err != nil {
			notes = append(notes, fmt.Sprintf("%s name: %v; its values were taken as written; zcrypto and Go's crypto/x509 refuse such a certificate, OpenSSL reads it", n.which, err))
		}
	}
	var nSAN, nEKU, nAIA int
	for i := range c.Extensions {
		switch id := c.Extensions[i].Id; {
		case id.Equal(oidSANArcs):
			nSAN++
		case id.Equal(oidEKUArcs):
			nEKU++
		case id.Equal(oidAIAArcs):
			nAIA++
		}
	}
	checkSAN := nSAN > 1 || nSAN == 1 && len(c.DNSNames)+len(c.OtherNames)+len(c.EmailAddresses)+len(c.URIs)+len(c.IPAddresses) == 0
	checkEKU := nEKU > 1 || nEKU == 1 && len(c.ExtKeyUsage)+len(c.UnknownExtKeyUsage) == 0
	checkAIA := nAIA > 1 || nAIA == 1 && len(c.OCSPServer)+len(c.IssuingCertificateURL) == 0
	if !checkSAN && !checkEKU && !checkAIA {
		return notes
	}
	for _, e := range c.Extensions {
		var name, oid, took, openssl string
		switch {
		case checkSAN && e.Id.Equal(oidSANArcs):
			name, oid, took = "subjectAltName", string(oidSubjectAltName), "as having no subjectAltName names"
			openssl = "OpenSSL reads the certificate but fails its verification (invalid certificate extension)"
		case checkEKU && e.Id.Equal(oidEKUArcs):
			name, oid, took = "extKeyUsage", string(oidExtKeyUsage), "as having an extKeyUsage with no purpose"
			openssl = "OpenSSL reads the certificate but fails its verification (invalid certificate extension)"
		case checkAIA && e.Id.Equal(oidAIAArcs):
			name, oid, took = "authorityInfoAccess", string(oidAuthorityInfo), "as having no OCSP or CA Issuers URL"
			openssl = "OpenSSL reads and verifies the certificate all the same"
		default:
			continue
		}
		if err := readListExtension(&x509.Certificate{}, oid, e.Value); err != nil {
			notes = append(notes, fmt.Sprintf("%s extension not decoded (%v): the lints took the certificate %s; zcrypto and Go's crypto/x509 refuse such a certificate, %s", name, err, took, openssl))
		}
	}
	return notes
}

// DecodeView is the engine's view of a certificate for callers outside the
// lints (the probe's identity match, expiry and labels) when zcrypto's
// parse refuses it, e.g. for a public key zcrypto cannot read: the
// fields of decodedFields, no public key and no serial number. It is nil
// with an error for DER the engine cannot read either.
func DecodeView(der []byte) (*x509.Certificate, error) {
	c := &x509.Certificate{Raw: der}
	if err := decodeInto(c, der); err != nil {
		return nil, err
	}
	return c, nil
}
