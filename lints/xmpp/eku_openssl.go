package xmpp

import "github.com/zmap/zcrypto/x509"

// OpenSSLPurpose is an OpenSSL certificate purpose (X509_PURPOSE) that XMPP
// servers built on OpenSSL apply to a peer's chain.
type OpenSSLPurpose string

// The purposes XMPP servers use (rules.md K).
const (
	// PurposeSSLServer is `-purpose sslserver`: a TLS server's chain.
	PurposeSSLServer OpenSSLPurpose = "sslserver"
	// PurposeSSLClient is `-purpose sslclient`: a TLS client's chain.
	PurposeSSLClient OpenSSLPurpose = "sslclient"
)

// AllowsCertSign reports whether keyUsage is absent or allows keyCertSign:
// OpenSSL's check_ca, which every CA certificate of a chain must pass, for
// the purpose check and for the chain itself ("invalid CA certificate").
func (k KeyUsage) AllowsCertSign() bool {
	return !k.Present || k.Has(x509.KeyUsageCertSign)
}

// PassesOpenSSLPurpose reports whether a certificate with this EKU and
// keyUsage passes OpenSSL's purpose check (X509_check_purpose, OpenSSL 3.0)
// at its place in the chain: as the leaf (ca false) or at CA depth (ca
// true; the trust anchor is checked too when it carries no auxiliary trust
// settings, as in a plain CA file).
//
// At the leaf the EKU and the keyUsage must both allow the purpose (see
// EKU.AllowsSSLServer and KeyUsage.AllowsSSLServer). At CA depth the EKU
// test is the same (anyExtendedKeyUsage alone does not satisfy it, and a CA
// without an EKU passes), the keyUsage must allow keyCertSign, and the
// leaf's keyUsage bits (digitalSignature...) do not matter. The
// differential test in lints/eku checks this against `openssl verify
// -purpose`.
func PassesOpenSSLPurpose(e EKU, k KeyUsage, p OpenSSLPurpose, ca bool) bool {
	switch {
	case p == PurposeSSLServer && ca:
		return e.AllowsSSLServer() && k.AllowsCertSign()
	case p == PurposeSSLServer:
		return e.AllowsSSLServer() && k.AllowsSSLServer()
	case p == PurposeSSLClient && ca:
		return e.AllowsSSLClient() && k.AllowsCertSign()
	case p == PurposeSSLClient:
		return e.AllowsSSLClient() && k.AllowsSSLClient()
	}
	return false
}
