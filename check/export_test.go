package check

import "github.com/zmap/zcrypto/x509"

// DNString exposes dnString to the external tests, which have the corpus.
var DNString = dnString

// Decode exposes the engine's decoder, without its fallback to zcrypto.
var Decode = decode

// SelfSigned exposes the engine's answer to xmpp.Cert.SelfSigned.
var SelfSigned = selfSigned

// ZcryptoOnly returns a copy of the checker that parses with zcrypto alone,
// as the engine did before it had its own decoder.
func (ch *Checker) ZcryptoOnly() *Checker {
	c := *ch
	c.zcryptoOnly = true
	return &c
}

// LintParsed lints c, parsed by the caller, as the engine lints a lone
// certificate.
func (ch *Checker) LintParsed(in Cert, c *x509.Certificate) Record {
	return ch.lintOne(in, c, nil, ch.opts, false)
}

// ErrDecline is what Decode's errors wrap.
var ErrDecline = errDecline

// EKUByOID is the decoder's EKU table.
var EKUByOID = ekuByOID

// DecodedFields are the Certificate fields Decode fills.
var DecodedFields = decodedFields

// ReadListExtension reads a subjectAltName, extKeyUsage or
// authorityInfoAccess value (oid as DER content bytes) as decode does.
func ReadListExtension(oid, value []byte) error {
	return readListExtension(&x509.Certificate{}, string(oid), value)
}
