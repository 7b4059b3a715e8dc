package profile

import (
	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_weak_signature_algorithm",
			Description:   "An XMPP server or client certificate should not be signed with MD5 or SHA-1 (nor MD2): collisions in these hashes let a certificate be forged, and current TLS stacks refuse such signatures.",
			Citation:      "RFC 6120 13.7.1.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServerClient,
		New:     func() xmpp.Lint { return weakSignatureAlgorithm{} },
	})
}

type weakSignatureAlgorithm struct{}

// Applies: a certificate request's signature algorithm is the requester's
// self-signature, not the one the CA signs with.
func (weakSignatureAlgorithm) Applies(v *xmpp.Cert) bool { return !v.Request }

// weakAlgorithms are zcrypto's signature algorithms over MD2, MD5 or SHA-1.
var weakAlgorithms = map[x509.SignatureAlgorithm]bool{
	x509.MD2WithRSA:    true,
	x509.MD5WithRSA:    true,
	x509.SHA1WithRSA:   true,
	x509.DSAWithSHA1:   true,
	x509.ECDSAWithSHA1: true,
}

func (weakSignatureAlgorithm) Check(v *xmpp.Cert) *lint.LintResult {
	c := v.X
	if weakAlgorithms[c.SignatureAlgorithm] {
		return xmpp.Result(lint.Warn, "signed with %s (%s): collision attacks on its hash let certificates be forged", c.SignatureAlgorithm, c.SignatureAlgorithmOID)
	}
	if c.SignatureAlgorithmOID.Equal(oidRSASSAPSS) {
		if hash := pssWeakHash(c.RawTBSCertificate); hash != "" {
			return xmpp.Result(lint.Warn, "signed with RSASSA-PSS over %s (%s): collision attacks on its hash let certificates be forged", hash, c.SignatureAlgorithmOID)
		}
	}
	return xmpp.Pass()
}

var (
	oidRSASSAPSS = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 10}
	oidSHA1      = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 26}
	oidMD5       = asn1.ObjectIdentifier{1, 2, 840, 113549, 2, 5}
)

// pssWeakHash reads the RSASSA-PSS parameters of the tbsCertificate's
// signature field (zcrypto maps only PSS over SHA-256/384/512 to a named
// algorithm) and returns "SHA-1" or "MD5" when the hash is one of those,
// including SHA-1 by default when hashAlgorithm is absent (RFC 4055 3.1).
// Anything it cannot parse gives "".
func pssWeakHash(tbs []byte) string {
	var seq asn1.RawValue
	if _, err := asn1.Unmarshal(tbs, &seq); err != nil || !seq.IsCompound {
		return ""
	}
	rest := seq.Bytes
	var f asn1.RawValue
	var err error
	// version [0] EXPLICIT (optional), then serialNumber, then signature.
	if rest, err = asn1.Unmarshal(rest, &f); err != nil {
		return ""
	}
	if f.Class == asn1.ClassContextSpecific && f.Tag == 0 {
		if rest, err = asn1.Unmarshal(rest, &f); err != nil {
			return ""
		}
	}
	var alg struct {
		Algorithm  asn1.ObjectIdentifier
		Parameters asn1.RawValue `asn1:"optional"`
	}
	if _, err = asn1.Unmarshal(rest, &alg); err != nil || !alg.Algorithm.Equal(oidRSASSAPSS) {
		return ""
	}
	if len(alg.Parameters.FullBytes) == 0 || alg.Parameters.Tag != asn1.TagSequence || !alg.Parameters.IsCompound {
		return "" // no or malformed parameters: not a PSS signature anyone verifies
	}
	params := alg.Parameters.Bytes
	if len(params) == 0 {
		return "SHA-1" // every field at its default
	}
	var first asn1.RawValue
	if _, err = asn1.Unmarshal(params, &first); err != nil {
		return ""
	}
	if first.Class != asn1.ClassContextSpecific || first.Tag != 0 {
		return "SHA-1" // hashAlgorithm absent: sha1 by default
	}
	var hash struct {
		Algorithm  asn1.ObjectIdentifier
		Parameters asn1.RawValue `asn1:"optional"`
	}
	if _, err = asn1.Unmarshal(first.Bytes, &hash); err != nil {
		return ""
	}
	switch {
	case hash.Algorithm.Equal(oidSHA1):
		return "SHA-1"
	case hash.Algorithm.Equal(oidMD5):
		return "MD5"
	}
	return ""
}
