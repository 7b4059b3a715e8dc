package check

import (
	"time"
	"unicode/utf8"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// The fast readers below take the common, plain DER shapes of what decode
// reads with cryptobyte instead of zcrypto's reflective ASN.1 package, and
// give the values that package gives for them. Each returns ok=false for
// any other shape, and the caller then reads the value with zcrypto's
// package, so an unusual encoding costs time, never a different answer.
// FuzzDecode and FuzzDecodeExtension compare the outcome with zcrypto's.

// tagNumber is the tag number of a low-number tag (zcrypto's RawValue.Tag),
// or -1 for the high-number form, which cryptobyte does not read anyway.
func tagNumber(t cbasn1.Tag) int {
	if t&0x1f == 0x1f {
		return -1
	}
	return int(t & 0x1f)
}

// rawValue is the asn1.RawValue zcrypto's package makes of an element.
func rawValue(el cryptobyte.String) (asn1.RawValue, bool) {
	full := el
	var body cryptobyte.String
	var tag cbasn1.Tag
	if !el.ReadAnyASN1(&body, &tag) || tagNumber(tag) < 0 {
		return asn1.RawValue{}, false
	}
	return asn1.RawValue{Class: int(tag >> 6), Tag: tagNumber(tag), IsCompound: tag&0x20 != 0, Bytes: body, FullBytes: full}, true
}

// fastKeyUsage reads a keyUsage value: a BIT STRING, what follows it
// ignored, as zcrypto reads it.
func fastKeyUsage(value cryptobyte.String) (usage int, ok bool) {
	var bits cryptobyte.String
	if !value.ReadASN1(&bits, cbasn1.BIT_STRING) || !derBitString(bits) {
		return 0, false
	}
	n := (len(bits)-1)*8 - int(bits[0])
	for i := 0; i < 9 && i < n; i++ {
		if bits[1+i/8]&(0x80>>uint(i%8)) != 0 {
			usage |= 1 << uint(i)
		}
	}
	return usage, true
}

// fastBasicConstraints reads a basicConstraints value of the DER shape
// SEQUENCE { [BOOLEAN] [INTEGER] }.
func fastBasicConstraints(value cryptobyte.String) (isCA bool, maxPathLen int, ok bool) {
	var seq cryptobyte.String
	if !value.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return false, 0, false
	}
	if seq.PeekASN1Tag(cbasn1.BOOLEAN) && !seq.ReadASN1Boolean(&isCA) {
		return false, 0, false
	}
	maxPathLen = -1
	if seq.PeekASN1Tag(cbasn1.INTEGER) {
		var n cryptobyte.String
		seq.ReadASN1(&n, cbasn1.INTEGER)
		v, ok := derInt64(n)
		if !ok {
			return false, 0, false
		}
		maxPathLen = int(v)
	}
	return isCA, maxPathLen, seq.Empty()
}

// fastEKU reads an extKeyUsage value, a SEQUENCE OF OBJECT IDENTIFIER, into
// zcrypto's known and unknown EKUs.
func fastEKU(value cryptobyte.String) (known []x509.ExtKeyUsage, unknown []asn1.ObjectIdentifier, ok bool) {
	var seq cryptobyte.String
	if !value.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return nil, nil, false
	}
	for !seq.Empty() {
		var b cryptobyte.String
		if !seq.ReadASN1(&b, cbasn1.OBJECT_IDENTIFIER) {
			return nil, nil, false
		}
		oid, ok := parseOID(b) // checks what the table lookup would not
		if !ok {
			return nil, nil, false
		}
		if eku, found := ekuByDER[string(b)]; found {
			known = append(known, eku)
		} else {
			unknown = append(unknown, oid)
		}
	}
	return known, unknown, true
}

// accessDescription is one authorityInfoAccess entry.
type accessDescription struct {
	Method   asn1.ObjectIdentifier
	Location asn1.RawValue
}

// fastAIA reads an authorityInfoAccess value of the DER shape
// SEQUENCE OF SEQUENCE { OID, GeneralName }.
func fastAIA(value cryptobyte.String) ([]accessDescription, bool) {
	var seq cryptobyte.String
	if !value.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return nil, false
	}
	var out []accessDescription
	for !seq.Empty() {
		var ad, oid, loc cryptobyte.String
		var tag cbasn1.Tag
		if !seq.ReadASN1(&ad, cbasn1.SEQUENCE) || !ad.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			!ad.ReadAnyASN1Element(&loc, &tag) || !ad.Empty() {
			return nil, false
		}
		m, ok := parseOID(oid)
		if !ok {
			return nil, false
		}
		rv, ok := rawValue(loc)
		if !ok {
			return nil, false
		}
		out = append(out, accessDescription{m, rv})
	}
	return out, true
}

// generalNames is what readGeneralNames keeps of a subjectAltName.
type generalNames struct {
	others            []pkix.OtherName
	dns, emails, uris []string
	ips               [][]byte
}

// fastGeneralNames reads a subjectAltName value whose names are all
// otherName (of the shape OID, [0] EXPLICIT value), rfc822Name,
// dNSName, uniformResourceIdentifier or iPAddress.
func fastGeneralNames(value cryptobyte.String) (g generalNames, ok bool) {
	var seq cryptobyte.String
	if !value.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return g, false
	}
	for !seq.Empty() {
		var el cryptobyte.String
		var tag cbasn1.Tag
		if !seq.ReadAnyASN1Element(&el, &tag) {
			return g, false
		}
		v, ok := rawValue(el)
		if !ok {
			return g, false
		}
		switch v.Tag {
		case 0:
			if tag != cbasn1.Tag(0).Constructed().ContextSpecific() {
				return g, false
			}
			// zcrypto's package takes the value, [0] EXPLICIT ANY, as the
			// RawValue of the [0] element itself, without reading inside.
			on := cryptobyte.String(v.Bytes)
			var oid, wrap cryptobyte.String
			if !on.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) || !on.ReadASN1Element(&wrap, cbasn1.Tag(0).Constructed().ContextSpecific()) ||
				!on.Empty() {
				return g, false
			}
			id, ok := parseOID(oid)
			if !ok {
				return g, false
			}
			rv, ok := rawValue(wrap)
			if !ok {
				return g, false
			}
			g.others = append(g.others, pkix.OtherName{TypeID: id, Value: rv})
		case 1:
			g.emails = append(g.emails, string(v.Bytes))
		case 2:
			g.dns = append(g.dns, string(v.Bytes))
		case 6:
			g.uris = append(g.uris, string(v.Bytes))
		case 7:
			if len(v.Bytes) != 4 && len(v.Bytes) != 16 {
				return g, false
			}
			g.ips = append(g.ips, v.Bytes)
		case 4, 5, 8:
			return g, false // directoryName, ediPartyName, registeredID: zcrypto's package reads them
		}
	}
	return g, true
}

// fastName reads a Name whose attribute values are all PrintableString,
// UTF8String or IA5String, as zcrypto's package reads it into an
// RDNSequence (which then fills a pkix.Name).
func fastName(el cryptobyte.String) (pkix.RDNSequence, bool) { return readRDNs(el, validString) }

// lenientName reads a Name as fastName does, but takes a PrintableString,
// IA5String or UTF8String value as written even where its bytes are not
// valid for its type (zcrypto refuses those; OpenSSL reads them).
func lenientName(el cryptobyte.String) (pkix.RDNSequence, bool) {
	return readRDNs(el, func(tag cbasn1.Tag, _ []byte) bool {
		return tag == cbasn1.PrintableString || tag == cbasn1.UTF8String || tag == cbasn1.IA5String
	})
}

// strictNameShape reports a Name fastName reads; it allocates nothing.
func strictNameShape(el cryptobyte.String) bool {
	var seq cryptobyte.String
	if !el.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return false
	}
	for !seq.Empty() {
		var set cryptobyte.String
		if !seq.ReadASN1(&set, cbasn1.SET) {
			return false
		}
		for !set.Empty() {
			var atv, val cryptobyte.String
			var tag cbasn1.Tag
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !atv.SkipASN1(cbasn1.OBJECT_IDENTIFIER) ||
				!atv.ReadAnyASN1(&val, &tag) || !atv.Empty() || !validString(tag, val) {
				return false
			}
		}
	}
	return true
}

func readRDNs(el cryptobyte.String, valid func(cbasn1.Tag, []byte) bool) (pkix.RDNSequence, bool) {
	var seq cryptobyte.String
	if !el.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return nil, false
	}
	rdns := pkix.RDNSequence{} // zcrypto's package makes an empty SEQUENCE OF non-nil
	for !seq.Empty() {
		var set cryptobyte.String
		if !seq.ReadASN1(&set, cbasn1.SET) {
			return nil, false
		}
		rdn := pkix.RelativeDistinguishedNameSET{}
		for !set.Empty() {
			var atv, oid, val cryptobyte.String
			var tag cbasn1.Tag
			if !set.ReadASN1(&atv, cbasn1.SEQUENCE) || !atv.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
				!atv.ReadAnyASN1(&val, &tag) || !atv.Empty() {
				return nil, false
			}
			t, ok := parseOID(oid)
			if !ok || !valid(tag, val) {
				return nil, false
			}
			rdn = append(rdn, pkix.AttributeTypeAndValue{Type: t, Value: string(val)})
		}
		rdns = append(rdns, rdn)
	}
	return rdns, true
}

// validString reports a PrintableString, UTF8String or IA5String that
// zcrypto's package reads into a string.
func validString(tag cbasn1.Tag, b []byte) bool {
	switch tag {
	case cbasn1.PrintableString:
		for _, c := range b {
			if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
				'\'' <= c && c <= ')' || '+' <= c && c <= '/' ||
				c == ' ' || c == ':' || c == '=' || c == '?' || c == '*' || c == '&') {
				return false
			}
		}
		return true
	case cbasn1.UTF8String:
		return utf8.Valid(b)
	case cbasn1.IA5String:
		for _, c := range b {
			if c >= utf8.RuneSelf {
				return false
			}
		}
		return true
	}
	return false
}

// Key algorithm OIDs fastKeyOK knows, as DER content bytes.
var (
	oidKeyEd25519Bytes = []byte{0x2b, 0x65, 0x70}
	oidKeyX25519Bytes  = []byte{0x2b, 0x65, 0x6e}
	oidKeyRSABytes     = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01}
)

// fastKeyOK reports, for the plain shapes of Ed25519, X25519 and RSA keys,
// that zcrypto reads the key of spki (a SubjectPublicKeyInfo decode has
// checked the frame of) without complaint; false means only that
// x509.ParsePKIXPublicKey must say.
func fastKeyOK(spki cryptobyte.String) bool {
	var body, alg, oid, key cryptobyte.String
	if !spki.ReadASN1(&body, cbasn1.SEQUENCE) || !body.ReadASN1(&alg, cbasn1.SEQUENCE) ||
		!alg.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) || !body.ReadASN1(&key, cbasn1.BIT_STRING) ||
		len(key) == 0 || key[0] != 0 {
		return false
	}
	key = key[1:]
	switch string(oid) {
	case string(oidKeyEd25519Bytes), string(oidKeyX25519Bytes):
		return len(key) <= 32 // zcrypto ignores the parameters of both
	case string(oidKeyRSABytes):
		var seq, n, e cryptobyte.String
		return key.ReadASN1(&seq, cbasn1.SEQUENCE) && key.Empty() &&
			seq.ReadASN1(&n, cbasn1.INTEGER) && seq.ReadASN1(&e, cbasn1.INTEGER) && seq.Empty() &&
			positiveInteger(n) && positiveInteger(e)
	}
	return false
}

// positiveInteger reports a minimally encoded INTEGER content above zero.
func positiveInteger(b []byte) bool {
	return derInteger(b) && b[0]&0x80 == 0 && !(len(b) == 1 && b[0] == 0)
}

// fastAlgorithmIdentifier reads an AlgorithmIdentifier of the DER shape
// SEQUENCE { OID, [one parameters element] }.
func fastAlgorithmIdentifier(el cryptobyte.String) (pkix.AlgorithmIdentifier, bool) {
	var seq, oid cryptobyte.String
	if !el.ReadASN1(&seq, cbasn1.SEQUENCE) || !el.Empty() || !seq.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) {
		return pkix.AlgorithmIdentifier{}, false
	}
	id, ok := parseOID(oid)
	if !ok {
		return pkix.AlgorithmIdentifier{}, false
	}
	ai := pkix.AlgorithmIdentifier{Algorithm: id}
	if !seq.Empty() {
		var param cryptobyte.String
		var tag cbasn1.Tag
		if !seq.ReadAnyASN1Element(&param, &tag) || !seq.Empty() {
			return pkix.AlgorithmIdentifier{}, false
		}
		if ai.Parameters, ok = rawValue(param); !ok {
			return pkix.AlgorithmIdentifier{}, false
		}
	}
	return ai, true
}

// fastValidity reads a Validity of two times in the forms DER requires,
// UTCTime YYMMDDhhmmssZ and GeneralizedTime YYYYMMDDhhmmssZ, as zcrypto's
// package reads them (a UTCTime year below 50 is 20YY, else 19YY).
func fastValidity(el cryptobyte.String) (notBefore, notAfter time.Time, ok bool) {
	var seq cryptobyte.String
	if !el.ReadASN1(&seq, cbasn1.SEQUENCE) || !el.Empty() {
		return notBefore, notAfter, false
	}
	if notBefore, ok = fastTime(&seq); !ok {
		return notBefore, notAfter, false
	}
	if notAfter, ok = fastTime(&seq); !ok {
		return notBefore, notAfter, false
	}
	return notBefore, notAfter, seq.Empty()
}

func fastTime(s *cryptobyte.String) (time.Time, bool) {
	var b cryptobyte.String
	var tag cbasn1.Tag
	if !s.ReadAnyASN1(&b, &tag) {
		return time.Time{}, false
	}
	var year int
	switch {
	case tag == cbasn1.UTCTime && len(b) == 13 && b[12] == 'Z':
		yy, ok := digits(b[0:2])
		if !ok {
			return time.Time{}, false
		}
		year = 1900 + yy
		if yy < 50 {
			year = 2000 + yy
		}
		b = b[2:]
	case tag == cbasn1.GeneralizedTime && len(b) == 15 && b[14] == 'Z':
		y, ok := digits(b[0:4])
		if !ok {
			return time.Time{}, false
		}
		year = y
		b = b[4:]
	default:
		return time.Time{}, false
	}
	month, ok1 := digits(b[0:2])
	day, ok2 := digits(b[2:4])
	hour, ok3 := digits(b[4:6])
	minute, ok4 := digits(b[6:8])
	sec, ok5 := digits(b[8:10])
	if !(ok1 && ok2 && ok3 && ok4 && ok5) || month < 1 || month > 12 || day < 1 ||
		day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, 0, time.UTC), true
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m time.Month, year int) int {
	return time.Date(year, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}
