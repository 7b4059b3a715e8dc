package check

import (
	"strings"
	"unicode/utf8"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509/pkix"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// dnString returns n.String(), zcrypto's RFC 2253-style form of a
// distinguished name, at a fraction of its cost: zcrypto formats every
// attribute type's OID as a string to look its short name up, and builds
// the result by concatenation; here the short names of the common types are
// looked up once, at start, from zcrypto itself, and the result is built in
// one buffer. A name with an attribute of another type, or a value that is
// not a string, is left to n.String(), so the output is zcrypto's in every
// case (FuzzDNString compares them).
//
// A name of more than xmpp.MaxDNAttributes attributes (a hostile one) is
// cut as xmpp.DNString cuts it: the record stays small and the cost linear.
func dnString(n *pkix.Name) string {
	rdns := n.ToRDNSequence()
	total := 0
	for _, rdn := range rdns {
		total += len(rdn)
	}
	if total > xmpp.MaxDNAttributes {
		return xmpp.BoundedRDNs(rdns, total)
	}
	var buf [256]byte
	b := buf[:0]
	for i := range rdns {
		idx := len(rdns) - 1 - i
		if pkix.LegacyNameString {
			idx = i
		}
		if i > 0 {
			b = append(b, ", "...)
		}
		for j, tv := range rdns[idx] {
			if j > 0 {
				b = append(b, ", "...)
			}
			short := shortName(tv.Type)
			v, ok := tv.Value.(string)
			if short == "" || !ok {
				return n.String()
			}
			b = append(b, short...)
			b = append(b, '=')
			b = appendDNValue(b, v)
		}
	}
	return string(b)
}

// appendDNValue escapes a value as zcrypto's RDNSequence.String does.
func appendDNValue(b []byte, v string) []byte {
	for k, c := range v {
		escape := false
		switch c {
		case ',', '+', '"', '\\', '<', '>', ';':
			escape = true
		case ' ':
			escape = k == 0 || k == len(v)-1
		case '#':
			escape = k == 0
		}
		if escape {
			b = append(b, '\\')
		}
		if c < utf8.RuneSelf {
			b = append(b, byte(c))
		} else {
			b = utf8.AppendRune(b, c)
		}
	}
	return b
}

// x500Names holds the short names of the attribute types 2.5.4.n, by n
// ("" for a type zcrypto has no short name for); otherNames those of the
// other common types.
var (
	x500Names  [128]string
	otherNames []oidName
)

type oidName struct {
	oid  asn1.ObjectIdentifier
	name string
}

func init() {
	for i := range x500Names {
		x500Names[i] = zcryptoShortName(asn1.ObjectIdentifier{2, 5, 4, i})
	}
	for _, oid := range []asn1.ObjectIdentifier{
		{1, 2, 840, 113549, 1, 9, 1},         // emailAddress
		{0, 9, 2342, 19200300, 100, 1, 25},   // domainComponent
		{0, 9, 2342, 19200300, 100, 1, 1},    // userId
		{1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 1}, // jurisdictionLocality
		{1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 2}, // jurisdictionStateOrProvince
		{1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3}, // jurisdictionCountry
	} {
		if name := zcryptoShortName(oid); name != "" {
			otherNames = append(otherNames, oidName{oid, name})
		}
	}
}

// zcryptoShortName asks zcrypto how it writes an attribute type: its short
// name, or "" when it writes the OID and the value in hex.
func zcryptoShortName(oid asn1.ObjectIdentifier) string {
	s := pkix.RDNSequence{{{Type: oid, Value: "v"}}}.String()
	name, ok := strings.CutSuffix(s, "=v")
	if !ok || name == "" || name == oid.String() {
		return ""
	}
	return name
}

func shortName(oid asn1.ObjectIdentifier) string {
	if len(oid) == 4 && oid[0] == 2 && oid[1] == 5 && oid[2] == 4 && oid[3] >= 0 && oid[3] < len(x500Names) {
		return x500Names[oid[3]]
	}
	for _, o := range otherNames {
		if o.oid.Equal(oid) {
			return o.name
		}
	}
	return ""
}
