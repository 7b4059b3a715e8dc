package check

import (
	"errors"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

var errLight = errors.New("not a certificate")

// Extension OIDs the light parse reads, as DER content bytes.
var (
	oidBasicConstraints = []byte{0x55, 0x1d, 0x13}
	oidSubjectKeyID     = []byte{0x55, 0x1d, 0x0e}
	oidAuthorityKeyID   = []byte{0x55, 0x1d, 0x23}
	oidSubjectAltName   = []byte{0x55, 0x1d, 0x11}
)

// LightParse reads only what grouping certificates into presented chains
// needs: the raw issuer and subject, basicConstraints cA, the key
// identifiers, and the dNSName and otherName type IDs of the SAN. It is
// several times cheaper than a full parse, so the single reader goroutine
// can group (and shard) a stream before the workers parse each certificate
// fully. The result is a partial certificate for grouping only.
func LightParse(der []byte) (*x509.Certificate, error) {
	c := &x509.Certificate{}
	if err := LightParseInto(c, der); err != nil {
		return nil, err
	}
	return c, nil
}

// LightParseInto is LightParse into c, which it clears first: a reader
// that recycles the certificates of the groups it has handed on (a
// zcrypto Certificate is 3 kB) calls it.
func LightParseInto(c *x509.Certificate, der []byte) error {
	*c = x509.Certificate{}
	in := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	if !in.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1(&tbs, cbasn1.SEQUENCE) {
		return errLight
	}
	var issuer, subject cryptobyte.String
	if !tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) ||
		!tbs.SkipASN1(cbasn1.INTEGER) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&issuer, cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.ReadASN1Element(&subject, cbasn1.SEQUENCE) ||
		!tbs.SkipASN1(cbasn1.SEQUENCE) ||
		!tbs.SkipOptionalASN1(cbasn1.Tag(1).ContextSpecific()) ||
		!tbs.SkipOptionalASN1(cbasn1.Tag(2).ContextSpecific()) {
		return errLight
	}
	c.RawIssuer, c.RawSubject = issuer, subject
	var exts cryptobyte.String
	var present bool
	if !tbs.ReadOptionalASN1(&exts, &present, cbasn1.Tag(3).Constructed().ContextSpecific()) {
		return errLight
	}
	if !present {
		return nil
	}
	var seq cryptobyte.String
	if !exts.ReadASN1(&seq, cbasn1.SEQUENCE) {
		return errLight
	}
	for !seq.Empty() {
		var ext, oid, value cryptobyte.String
		if !seq.ReadASN1(&ext, cbasn1.SEQUENCE) || !ext.ReadASN1(&oid, cbasn1.OBJECT_IDENTIFIER) ||
			!ext.SkipOptionalASN1(cbasn1.BOOLEAN) || !ext.ReadASN1(&value, cbasn1.OCTET_STRING) {
			return errLight
		}
		switch string(oid) {
		case string(oidBasicConstraints):
			var bc cryptobyte.String
			if value.ReadASN1(&bc, cbasn1.SEQUENCE) {
				c.BasicConstraintsValid = true
				var isCA bool
				if bc.PeekASN1Tag(cbasn1.BOOLEAN) && bc.ReadASN1Boolean(&isCA) {
					c.IsCA = isCA
				}
			}
		case string(oidSubjectKeyID):
			var ski cryptobyte.String
			if value.ReadASN1(&ski, cbasn1.OCTET_STRING) {
				c.SubjectKeyId = ski
			}
		case string(oidAuthorityKeyID):
			var aki, id cryptobyte.String
			var ok bool
			if value.ReadASN1(&aki, cbasn1.SEQUENCE) && aki.ReadOptionalASN1(&id, &ok, cbasn1.Tag(0).ContextSpecific()) && ok {
				c.AuthorityKeyId = id
			}
		case string(oidSubjectAltName):
			readSAN(c, value)
		}
	}
	return nil
}

func readSAN(c *x509.Certificate, value cryptobyte.String) {
	var names cryptobyte.String
	if !value.ReadASN1(&names, cbasn1.SEQUENCE) {
		return
	}
	for !names.Empty() {
		var gn cryptobyte.String
		var tag cbasn1.Tag
		if !names.ReadAnyASN1(&gn, &tag) {
			return
		}
		switch tag {
		case cbasn1.Tag(2).ContextSpecific():
			c.DNSNames = append(c.DNSNames, string(gn))
		case cbasn1.Tag(0).Constructed().ContextSpecific():
			var oid asn1.ObjectIdentifier
			var raw cryptobyte.String
			if gn.ReadASN1(&raw, cbasn1.OBJECT_IDENTIFIER) {
				if _, err := asn1.Unmarshal(append([]byte{0x06, byte(len(raw))}, raw...), &oid); err == nil && len(raw) < 128 {
					c.OtherNames = append(c.OtherNames, pkix.OtherName{TypeID: oid})
				}
			}
		}
	}
}
