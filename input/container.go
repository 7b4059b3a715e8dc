package input

import (
	"bufio"
	"bytes"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// What a DER object is, told from its first elements: the formats people
// hold next to their certificates.
type derKind int

const (
	kindCert     derKind = iota // a certificate, or nothing better known: the parser decides
	kindPKCS7                   // a PKCS#7 / CMS SignedData: a bundle of certificates
	kindPKCS7BER                // the same in BER, with indefinite lengths
	kindPKCS12                  // a PKCS#12 key store (.p12, .pfx)
	kindCSR                     // a PKCS#10 certificate request
	kindKey                     // a private key: name says which
	kindCRL                     // a certificate revocation list
)

var (
	oidSignedData = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02} // 1.2.840.113549.1.7.2
	oidData       = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01} // 1.2.840.113549.1.7.1
	oidPKCS7Arc   = oidData[:8]                                                  // 1.2.840.113549.1.7
	oidPKCS7ArcTL = append([]byte{0x06, 0x09}, oidPKCS7Arc...)                   // its tag and length
)

// element is the header of one TLV: its tag, where its content starts and
// how long the content says it is. The content may run past the bytes at
// hand: classification looks at prefixes.
type element struct {
	tag      byte
	hdr, len int
	ok       bool // a definite-length header was read
	indef    bool // an indefinite-length (BER) header
}

// readElement reads the header at the start of b.
func readElement(b []byte) element {
	if len(b) < 2 || b[0]&0x1f == 0x1f { // no multi-byte tags here
		return element{}
	}
	l := b[1]
	switch {
	case l < 0x80:
		return element{tag: b[0], hdr: 2, len: int(l), ok: true}
	case l == 0x80:
		return element{tag: b[0], hdr: 2, indef: true}
	case l > 0x84:
		return element{}
	}
	hdr := 2 + int(l&0x7f)
	if len(b) < hdr {
		return element{}
	}
	n := 0
	for _, c := range b[2:hdr] {
		if n > 1<<23 { // beyond any size read here; keeps int safe
			return element{tag: b[0], hdr: hdr, len: 1 << 31 >> 1, ok: true}
		}
		n = n<<8 | int(c)
	}
	return element{tag: b[0], hdr: hdr, len: n, ok: true}
}

// content returns the element's content within b, cut to the bytes at hand.
func (e element) content(b []byte) []byte {
	b = b[e.hdr:]
	if e.ok && e.len < len(b) {
		b = b[:e.len]
	}
	return b
}

// next returns the bytes after the element within b, or nil when they are
// not at hand.
func (e element) next(b []byte) []byte {
	if !e.ok || e.hdr+e.len > len(b) {
		return nil
	}
	return b[e.hdr+e.len:]
}

// classify tells what a DER (or BER) object is from its start: prefix may
// be the whole object or its first bytes (64 are enough for containers and
// keys). keyName is the PEM label of a private key.
func classify(prefix []byte) (k derKind, keyName string) {
	outer := readElement(prefix)
	if outer.tag != 0x30 || !outer.ok && !outer.indef {
		return kindCert, ""
	}
	in := outer.content(prefix)
	e1 := readElement(in)
	if !e1.ok && !e1.indef {
		return kindCert, ""
	}
	c1 := e1.content(in)
	rest := e1.next(in)
	e2 := readElement(rest)
	switch e1.tag {
	case 0x06: // ContentInfo: contentType, [0] content
		if bytes.Equal(c1, oidSignedData) {
			if outer.indef {
				return kindPKCS7BER, ""
			}
			return kindPKCS7, ""
		}
		if bytes.HasPrefix(c1, oidPKCS7Arc) {
			return kindPKCS7, "" // another content type: reading says it holds no certificate
		}
	case 0x02: // INTEGER version first: a key store or a private key
		v := -1
		if e1.ok && e1.len == 1 && len(c1) == 1 {
			v = int(c1[0])
		}
		switch {
		case v == 3 && e2.tag == 0x30 && bytes.HasPrefix(e2.content(rest), oidPKCS7ArcTL):
			return kindPKCS12, ""
		case (v == 0 || v == 1) && e2.tag == 0x30 && !tbsV1(e2, rest):
			return kindKey, "PRIVATE KEY" // PKCS#8 (v2 is OneAsymmetricKey)
		case v == 0 && e2.tag == 0x02:
			return kindKey, "RSA PRIVATE KEY" // PKCS#1 (or the DSA layout alike)
		case v == 1 && e2.tag == 0x04:
			return kindKey, "EC PRIVATE KEY" // RFC 5915
		}
	case 0x30: // a signed structure (certificate, request, CRL) or an encrypted key
		return classifySigned(c1, e2)
	}
	return kindCert, ""
}

// classifySigned tells a certificate from a request, a CRL and an encrypted
// PKCS#8 key by the first elements of the inner SEQUENCE tbs; e2 is the
// element that follows tbs.
func classifySigned(tbs []byte, e2 element) (derKind, string) {
	f1 := readElement(tbs)
	switch f1.tag {
	case 0xa0: // [0] version: a v2 or v3 certificate
		return kindCert, ""
	case 0x06: // AlgorithmIdentifier's OID: EncryptedPrivateKeyInfo
		if e2.tag == 0x04 {
			return kindKey, "ENCRYPTED PRIVATE KEY"
		}
	case 0x30: // tbsCertList v1 starts with its signature AlgorithmIdentifier
		if len(f1.content(tbs)) > 0 && f1.content(tbs)[0] == 0x06 {
			return kindCRL, ""
		}
	case 0x02:
		// INTEGER: a v1 certificate's serial, a request's version 0 or a
		// v2 CRL's version 1. What follows tells: a request has a Name (a
		// SEQUENCE of SETs), the others an AlgorithmIdentifier, then a Name,
		// then validity (a SEQUENCE) for a certificate, a time for a CRL.
		r := f1.next(tbs)
		f2 := readElement(r)
		if f2.tag != 0x30 {
			break
		}
		c2 := f2.content(r)
		if len(c2) == 0 || c2[0] == 0x31 {
			return kindCSR, ""
		}
		r = f2.next(r)
		f3 := readElement(r)
		if f3.tag != 0x30 {
			break
		}
		if f4 := readElement(f3.next(r)); f4.tag == 0x17 || f4.tag == 0x18 {
			return kindCRL, ""
		}
	}
	return kindCert, ""
}

// entry is one element of a bundle's certificates: its DER, or why it
// is not a certificate.
type entry struct {
	der []byte
	err error
}

// pkcs7Certs returns the elements of the certificates field of a DER
// PKCS#7 / CMS SignedData, in order, or the error met reading it. An
// element that is not an X.509 certificate (an attribute or other
// certificate) is an entry with err.
func pkcs7Certs(der []byte) ([]entry, error) {
	in := cryptobyte.String(der)
	var ci, content, sd, set cryptobyte.String
	var oid []byte
	if !in.ReadASN1(&ci, cbasn1.SEQUENCE) || !ci.ReadASN1((*cryptobyte.String)(&oid), cbasn1.OBJECT_IDENTIFIER) {
		return nil, reason(ErrMalformed, "PKCS#7: not a DER ContentInfo")
	}
	if !bytes.Equal(oid, oidSignedData) {
		return nil, reason(ErrNoCertificate, "PKCS#7 of content type %s: no certificate", oidString(oid))
	}
	var present bool
	if !ci.ReadASN1(&content, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!content.ReadASN1(&sd, cbasn1.SEQUENCE) ||
		!sd.SkipASN1(cbasn1.INTEGER) || !sd.SkipASN1(cbasn1.SET) || !sd.SkipASN1(cbasn1.SEQUENCE) ||
		!sd.ReadOptionalASN1(&set, &present, cbasn1.Tag(0).Constructed().ContextSpecific()) {
		return nil, reason(ErrMalformed, "PKCS#7: malformed SignedData")
	}
	if !present || set.Empty() {
		return nil, reason(ErrNoCertificate, "PKCS#7: no certificate")
	}
	var out []entry
	for !set.Empty() {
		var elem cryptobyte.String
		var tag cbasn1.Tag
		if !set.ReadAnyASN1Element(&elem, &tag) {
			out = append(out, entry{err: reason(ErrMalformed, "PKCS#7: malformed certificates field after %d elements", len(out))})
			break
		}
		if tag != cbasn1.SEQUENCE {
			out = append(out, entry{err: reason(ErrMalformed, "PKCS#7: certificate choice [%d] is not an X.509 certificate", int(tag&0x1f))})
			continue
		}
		out = append(out, entry{der: elem})
	}
	return out, nil
}

// oidString renders a DER OID's content in dotted form, or "(invalid)".
func oidString(b []byte) string {
	if len(b) == 0 || len(b) > 64 {
		return "(invalid)"
	}
	var parts []string
	var v uint64
	first := true
	for i, c := range b {
		v = v<<7 | uint64(c&0x7f)
		if c&0x80 != 0 {
			if i == len(b)-1 || v > 1<<50 {
				return "(invalid)"
			}
			continue
		}
		if first {
			first = false
			a := min(v/40, 2)
			parts = append(parts, strconv.FormatUint(a, 10), strconv.FormatUint(v-a*40, 10))
		} else {
			parts = append(parts, strconv.FormatUint(v, 10))
		}
		v = 0
	}
	return strings.Join(parts, ".")
}

// pkcs12Reason names a PKCS#12 key store with the command that extracts
// its certificates.
func pkcs12Reason(path string) error {
	return reason(ErrNotCertificate, "PKCS#12 key store: run `openssl pkcs12 %s-nokeys` and lint its output", inArg(path))
}

// pkcs7BERReason names a PKCS#7 bundle in BER with the command that
// converts it.
func pkcs7BERReason(path string) error {
	return reason(ErrNotCertificate, "PKCS#7 in BER (indefinite lengths): run `openssl pkcs7 -inform DER %s-print_certs` and lint its output", inArg(path))
}

// inArg is the "-in FILE " argument of an openssl command for path: none
// for standard input, FILE when the path would need more than single
// quotes to be shown safely.
func inArg(path string) string {
	name := stripGz(path)
	switch {
	case path == Stdin:
		return ""
	case name != path:
		return "-in <(gunzip -c " + shellQuote(path) + ") "
	}
	return "-in " + shellQuote(path) + " "
}

func shellQuote(path string) string {
	safe := true
	for _, c := range []byte(path) {
		if c < 0x20 || c == 0x7f || c >= 0x80 {
			return "FILE"
		}
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_./-+=:,@%", c) >= 0) {
			safe = false
		}
	}
	if safe && path != "" {
		return path
	}
	return "'" + strings.ReplaceAll(path, "'", `'\''`) + "'"
}

// isPKCS12Name reports a file name that says PKCS#12.
func isPKCS12Name(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	return ext == ".p12" || ext == ".pfx"
}

// pemLabel renders a PEM label read from an input: as is when it is made
// of the characters labels use, quoted otherwise.
func pemLabel(typ []byte) string {
	if len(typ) > 0 && len(typ) <= 64 {
		ok := true
		for _, c := range typ {
			if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == ' ' || c == '#' || c == '-' || c == '.') {
				ok = false
				break
			}
		}
		if ok {
			return string(typ)
		}
	}
	return strconv.Quote(string(typ[:min(len(typ), 64)]))
}

// keyStoreReason names a Java key store (JKS, JCEKS: binary formats with
// a magic number of their own) with the command that lists its
// certificates, or returns nil.
func keyStoreReason(br *bufio.Reader, path string) error {
	b, _ := br.Peek(4)
	var kind string
	switch string(b) {
	case "\xfe\xed\xfe\xed":
		kind = "Java KeyStore (JKS)"
	case "\xce\xce\xce\xce":
		kind = "Java KeyStore (JCEKS)"
	default:
		return nil
	}
	file := "FILE"
	if path != Stdin {
		file = shellQuote(path)
	}
	return reason(ErrNotCertificate, "%s: run `keytool -list -rfc -keystore %s` and lint its output", kind, file)
}

// tbsV1 tells a v1 TBSCertificate whose serial is 0 or 1 (serial,
// signature AlgorithmIdentifier, issuer Name) from a PKCS#8 key (version,
// AlgorithmIdentifier, privateKey OCTET STRING) by what follows the
// AlgorithmIdentifier e2 within rest.
func tbsV1(e2 element, rest []byte) bool {
	e3 := readElement(e2.next(rest))
	return e3.ok && e3.tag == 0x30
}
