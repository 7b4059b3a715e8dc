package xmpp

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509/pkix"
)

// ASN.1 universal string tags that XMPP identities are checked against.
const (
	TagUTF8String      = 12
	TagPrintableString = 19
	TagT61String       = 20
	TagIA5String       = 22
	TagUniversalString = 28
	TagBMPString       = 30
)

// TagName names an ASN.1 universal tag for Details sentences.
func TagName(class, tag int) string {
	if class != asn1.ClassUniversal {
		return fmt.Sprintf("[%d] (class %d)", tag, class)
	}
	switch tag {
	case TagUTF8String:
		return "UTF8String"
	case TagPrintableString:
		return "PrintableString"
	case TagT61String:
		return "TeletexString"
	case TagIA5String:
		return "IA5String"
	case TagUniversalString:
		return "UniversalString"
	case TagBMPString:
		return "BMPString"
	case 4:
		return "OCTET STRING"
	case 16:
		return "SEQUENCE"
	}
	return fmt.Sprintf("universal tag %d", tag)
}

// OtherNameValue is the decoded value of an otherName SAN entry. zcrypto
// keeps the [0] EXPLICIT wrapper in OtherName.Value; the inner TLV is in
// Value.Bytes, and its tag is what RFC 4985 and RFC 6120 constrain.
type OtherNameValue struct {
	// Class and Tag of the inner value, e.g. universal 22 for IA5String.
	Class, Tag int
	// Value is the content octets as a Go string (not validated as UTF-8).
	Value string
	// Err is set when the inner value is not a single well-formed TLV.
	Err error
}

// String renders the value for Details: quoted, with its string type.
func (v OtherNameValue) String() string {
	if v.Err != nil {
		return fmt.Sprintf("undecodable value (%v)", v.Err)
	}
	return fmt.Sprintf("%q (%s)", v.Value, TagName(v.Class, v.Tag))
}

// IsString reports whether the value is the universal string type tag.
func (v OtherNameValue) IsString(tag int) bool {
	return v.Err == nil && v.Class == asn1.ClassUniversal && v.Tag == tag
}

// DecodeOtherName decodes the inner TLV of an otherName value. It never
// panics, whatever the bytes.
func DecodeOtherName(on pkix.OtherName) OtherNameValue {
	var inner asn1.RawValue
	rest, err := asn1.Unmarshal(on.Value.Bytes, &inner)
	if err != nil {
		return OtherNameValue{Err: err}
	}
	if len(rest) != 0 {
		return OtherNameValue{Class: inner.Class, Tag: inner.Tag, Value: string(inner.Bytes),
			Err: fmt.Errorf("%d trailing bytes after the value", len(rest))}
	}
	if inner.IsCompound {
		return OtherNameValue{Class: inner.Class, Tag: inner.Tag,
			Err: fmt.Errorf("constructed %s where a string is expected", TagName(inner.Class, inner.Tag))}
	}
	return OtherNameValue{Class: inner.Class, Tag: inner.Tag, Value: string(inner.Bytes)}
}

// SRVName is a decoded SRV-ID (RFC 4985): `_Service.Name`.
type SRVName struct {
	OtherNameValue
	// Service is the service label without its leading underscore, and Name
	// the rest, when the value has the `_Service.Name` shape; otherwise both
	// are empty and Shaped is false.
	Service, Name string
	Shaped        bool
}

// ParseSRVName decodes one SRVName otherName.
func ParseSRVName(on pkix.OtherName) SRVName {
	s := SRVName{OtherNameValue: DecodeOtherName(on)}
	if s.Err != nil {
		return s
	}
	s.Service, s.Name, s.Shaped = SplitSRVName(s.Value)
	return s
}

// SplitSRVName splits `_Service.Name` into its service (without `_`) and
// name. ok is false when the value does not start with `_` or has no `.`
// with something on both sides.
func SplitSRVName(v string) (service, name string, ok bool) {
	if !strings.HasPrefix(v, "_") {
		return "", "", false
	}
	dot := strings.IndexByte(v, '.')
	if dot < 2 || dot == len(v)-1 {
		return "", "", false
	}
	return v[1:dot], v[dot+1:], true
}

// XmppAddr is a decoded XmppAddr otherName (RFC 6120 13.7.1.4).
type XmppAddr struct {
	OtherNameValue
	// JID is the split and validated JID; JID.Err is set when the value is not
	// a valid JID under RFC 7622.
	JID JIDInfo
}

// ParseXmppAddr decodes one XmppAddr otherName.
func ParseXmppAddr(on pkix.OtherName) XmppAddr {
	x := XmppAddr{OtherNameValue: DecodeOtherName(on)}
	if x.Err == nil {
		x.JID = AnalyzeJID(x.Value)
	}
	return x
}

// IsBareDomain reports whether the XmppAddr is a domain JID: no localpart and
// no resourcepart. Values that do not decode are not bare domains.
func (x XmppAddr) IsBareDomain() bool {
	return x.Err == nil && x.Value != "" && !x.JID.HasLocal && !x.JID.HasResource
}

// IsUser reports whether the XmppAddr has a localpart (a user's JID).
func (x XmppAddr) IsUser() bool {
	return x.Err == nil && x.JID.HasLocal
}
