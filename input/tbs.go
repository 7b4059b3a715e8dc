package input

import (
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"
)

// isTBS reports whether der is a bare TBSCertificate (RFC 5280 4.1): a
// SEQUENCE of an optional [0] version, the serial number, the signature
// algorithm, the issuer, the validity, the subject and the public key, and
// nothing after it. PEM blocks of other types are read when they hold one,
// whatever their label: tools name a TBS in PEM in many ways.
func isTBS(der []byte) bool {
	in := cryptobyte.String(der)
	var tbs cryptobyte.String
	if !in.ReadASN1(&tbs, cbasn1.SEQUENCE) || !in.Empty() {
		return false
	}
	return tbs.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) &&
		tbs.SkipASN1(cbasn1.INTEGER) &&
		tbs.SkipASN1(cbasn1.SEQUENCE) && // signature algorithm
		tbs.SkipASN1(cbasn1.SEQUENCE) && // issuer
		tbs.SkipASN1(cbasn1.SEQUENCE) && // validity
		tbs.SkipASN1(cbasn1.SEQUENCE) && // subject
		tbs.SkipASN1(cbasn1.SEQUENCE) // subjectPublicKeyInfo
}
