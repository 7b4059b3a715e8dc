package corpus

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	"time"
)

// Template is one certificate to build: a crypto/x509 template plus what the
// standard library cannot express directly (otherName SANs, SANs in a given
// order and string type, raw extensions, a weak signature algorithm).
type Template struct {
	X509 *x509.Certificate
	// SANs are encoded, in order, into the subjectAltName extension. Leave
	// empty for no SAN extension.
	SANs []GeneralName
	// SANCritical marks the SAN extension critical.
	SANCritical bool
	// Extra extensions are added as they are; one with the OID of an
	// extension the template also sets replaces it.
	Extra []pkix.Extension
	// KeySeed names the Ed25519 key: the same seed gives the same key.
	KeySeed string
	// SelfSigned signs the certificate with its own key.
	SelfSigned bool
	// SignatureOID, when set, replaces the signature algorithm in the
	// tbsCertificate and outer certificate after signing (e.g. sha1WithRSA
	// for the weak-signature cases). The signature then does not verify.
	SignatureOID asn1.ObjectIdentifier
}

// GeneralName is one encoded SAN entry.
type GeneralName struct {
	// FullBytes is the DER of the GeneralName, context tag included.
	FullBytes []byte
	// Text renders the entry in the case header.
	Text string
}

// Object identifiers used by the corpus.
var (
	OIDSRVName       = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 7}
	OIDXmppAddr      = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}
	OIDSAN           = asn1.ObjectIdentifier{2, 5, 29, 17}
	OIDEKU           = asn1.ObjectIdentifier{2, 5, 29, 37}
	OIDEKUServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	OIDEKUClientAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	OIDEKUAny        = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
	OIDSHA1WithRSA   = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 5}
	OIDMD5WithRSA    = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 4}
)

// ASN.1 universal string tags for otherName values.
const (
	UTF8String      = 12
	PrintableString = 19
	IA5String       = 22
	BMPString       = 30
)

var tagNames = map[int]string{UTF8String: "UTF8String", PrintableString: "PrintableString", IA5String: "IA5String", BMPString: "BMPString"}

func contextTLV(tag int, constructed bool, content []byte) []byte {
	b, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: tag, IsCompound: constructed, Bytes: content})
	if err != nil {
		panic(err) // static shapes only; cannot fail
	}
	return b
}

// DNS is a dNSName entry.
func DNS(name string) GeneralName {
	return GeneralName{contextTLV(2, false, []byte(name)), "DNS:" + name}
}

// Email is an rfc822Name entry.
func Email(addr string) GeneralName {
	return GeneralName{contextTLV(1, false, []byte(addr)), "email:" + addr}
}

// URI is a uniformResourceIdentifier entry.
func URI(u string) GeneralName {
	return GeneralName{contextTLV(6, false, []byte(u)), "URI:" + u}
}

// OtherName is an otherName entry whose value is a universal string of the
// given tag.
func OtherName(oid asn1.ObjectIdentifier, tag int, value string, label string) GeneralName {
	inner, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: tag, Bytes: []byte(value)})
	if err != nil {
		panic(err)
	}
	return OtherNameRaw(oid, inner, fmt.Sprintf("%s(%s):%q", label, tagName(tag), value))
}

// OtherNameRaw is an otherName entry with the given inner TLV.
func OtherNameRaw(oid asn1.ObjectIdentifier, inner []byte, text string) GeneralName {
	oidDER, err := asn1.Marshal(oid)
	if err != nil {
		panic(err)
	}
	explicit := contextTLV(0, true, inner)
	return GeneralName{contextTLV(0, true, append(oidDER, explicit...)), text}
}

func tagName(tag int) string {
	if n, ok := tagNames[tag]; ok {
		return n
	}
	return fmt.Sprintf("tag%d", tag)
}

// SRV is an SRVName (IA5String) entry, e.g. SRV("_xmpp-server.example.org").
func SRV(v string) GeneralName { return OtherName(OIDSRVName, IA5String, v, "SRVName") }

// SRVTagged is an SRVName with another string type.
func SRVTagged(tag int, v string) GeneralName { return OtherName(OIDSRVName, tag, v, "SRVName") }

// Xmpp is an XmppAddr (UTF8String) entry.
func Xmpp(v string) GeneralName { return OtherName(OIDXmppAddr, UTF8String, v, "XmppAddr") }

// XmppTagged is an XmppAddr with another string type.
func XmppTagged(tag int, v string) GeneralName { return OtherName(OIDXmppAddr, tag, v, "XmppAddr") }

// EKUExtension encodes an extendedKeyUsage extension with the given OIDs.
func EKUExtension(critical bool, oids ...asn1.ObjectIdentifier) pkix.Extension {
	v, err := asn1.Marshal(oids)
	if err != nil {
		panic(err)
	}
	return pkix.Extension{Id: OIDEKU, Critical: critical, Value: v}
}

// Key returns the deterministic Ed25519 key of a seed name.
func Key(seed string) ed25519.PrivateKey {
	s := sha256.Sum256([]byte("xmpplint corpus key: " + seed))
	return ed25519.NewKeyFromSeed(s[:])
}

// Serial derives a fixed positive serial number from a name.
func Serial(name string) *big.Int {
	s := sha256.Sum256([]byte("xmpplint corpus serial: " + name))
	s[0] &= 0x7f
	return new(big.Int).SetBytes(s[:16])
}

// Fixed validity of corpus certificates, unless a case changes it.
var (
	NotBefore = time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	NotAfter  = time.Date(2027, time.March, 1, 0, 0, 0, 0, time.UTC)
)
