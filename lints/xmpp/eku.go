package xmpp

import (
	"strconv"
	"strings"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
)

// EKU summarises a certificate's extendedKeyUsage extension. zcrypto's
// ExtKeyUsage enum values differ from crypto/x509's, so only the named
// constants are compared.
type EKU struct {
	// Present is true when the extension is in the certificate.
	Present  bool
	Critical bool
	// ServerAuth, ClientAuth and Any report id-kp-serverAuth,
	// id-kp-clientAuth and anyExtendedKeyUsage.
	ServerAuth, ClientAuth, Any bool
	// XmppAddrPurpose is set when id-on-xmppAddr is listed as a key purpose
	// (RFC 6120 13.7.1.4 allows it).
	XmppAddrPurpose bool
	// SGC is set for the obsolete Server Gated Crypto purposes (Netscape
	// 2.16.840.1.113730.4.1, Microsoft 1.3.6.1.4.1.311.10.3.3): OpenSSL's
	// sslserver purpose accepts them in place of serverAuth.
	SGC bool
	// Purposes names every purpose in order, for Details sentences.
	Purposes []string
}

var ekuNames = map[x509.ExtKeyUsage]string{
	x509.ExtKeyUsageServerAuth:      "serverAuth",
	x509.ExtKeyUsageClientAuth:      "clientAuth",
	x509.ExtKeyUsageAny:             "anyExtendedKeyUsage",
	x509.ExtKeyUsageCodeSigning:     "codeSigning",
	x509.ExtKeyUsageEmailProtection: "emailProtection",
	x509.ExtKeyUsageTimeStamping:    "timeStamping",
	x509.ExtKeyUsageOcspSigning:     "OCSPSigning",

	x509.ExtKeyUsageNetscapeServerGatedCrypto:  "nsSGC",
	x509.ExtKeyUsageMicrosoftServerGatedCrypto: "msSGC",
}

// AnalyzeEKU reads the EKU of c.
func AnalyzeEKU(c *x509.Certificate) EKU {
	var e EKU
	for _, ext := range c.Extensions {
		if ext.Id.Equal(OIDExtKeyUsage) {
			e.Present = true
			e.Critical = ext.Critical
			break
		}
	}
	if !e.Present {
		return e
	}
	for _, u := range c.ExtKeyUsage {
		switch u {
		case x509.ExtKeyUsageServerAuth:
			e.ServerAuth = true
		case x509.ExtKeyUsageClientAuth:
			e.ClientAuth = true
		case x509.ExtKeyUsageAny:
			e.Any = true
		case x509.ExtKeyUsageNetscapeServerGatedCrypto, x509.ExtKeyUsageMicrosoftServerGatedCrypto:
			e.SGC = true
		}
		if name, ok := ekuNames[u]; ok {
			e.Purposes = append(e.Purposes, name)
		} else {
			e.Purposes = append(e.Purposes, "purpose#"+strconv.Itoa(int(u)))
		}
	}
	for _, oid := range c.UnknownExtKeyUsage {
		if oid.Equal(OIDXmppAddr) {
			e.XmppAddrPurpose = true
			e.Purposes = append(e.Purposes, "id-on-xmppAddr")
			continue
		}
		e.Purposes = append(e.Purposes, oid.String())
	}
	return e
}

// String renders the purposes as "serverAuth, clientAuth", or "(empty)".
func (e EKU) String() string {
	if !e.Present {
		return "no EKU extension"
	}
	if len(e.Purposes) == 0 {
		return "(empty)"
	}
	return Few(e.Purposes, ", ")
}

// OpenSSL purpose checks (crypto/x509/v3_purp.c, check_ssl_ca and
// check_purpose_ssl_*): when an EKU is present the purpose's own OID must be
// in it (for sslserver, a Server Gated Crypto purpose does too);
// anyExtendedKeyUsage alone does not do, at the leaf or at CA depth. The
// EKU test is the same at every depth of the chain, the trust anchor
// included. The differential test in lints/eku checks these against
// `openssl verify -purpose`.

// AllowsSSLServer reports whether the EKU passes OpenSSL's sslserver purpose.
func (e EKU) AllowsSSLServer() bool { return !e.Present || e.ServerAuth || e.SGC }

// AllowsSSLClient reports whether the EKU passes OpenSSL's sslclient purpose.
func (e EKU) AllowsSSLClient() bool { return !e.Present || e.ClientAuth }

// KeyUsage summarises the keyUsage extension.
type KeyUsage struct {
	Present bool
	Bits    x509.KeyUsage
}

var oidKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 15}

// AnalyzeKeyUsage reads the keyUsage of c.
func AnalyzeKeyUsage(c *x509.Certificate) KeyUsage {
	for _, ext := range c.Extensions {
		if ext.Id.Equal(oidKeyUsage) {
			return KeyUsage{Present: true, Bits: c.KeyUsage}
		}
	}
	return KeyUsage{}
}

// Has reports whether any of the bits is set (false when keyUsage is absent).
func (k KeyUsage) Has(bit x509.KeyUsage) bool { return k.Bits&bit != 0 }

var kuNames = []struct {
	bit  x509.KeyUsage
	name string
}{
	{x509.KeyUsageDigitalSignature, "digitalSignature"},
	{x509.KeyUsageContentCommitment, "nonRepudiation"},
	{x509.KeyUsageKeyEncipherment, "keyEncipherment"},
	{x509.KeyUsageDataEncipherment, "dataEncipherment"},
	{x509.KeyUsageKeyAgreement, "keyAgreement"},
	{x509.KeyUsageCertSign, "keyCertSign"},
	{x509.KeyUsageCRLSign, "cRLSign"},
	{x509.KeyUsageEncipherOnly, "encipherOnly"},
	{x509.KeyUsageDecipherOnly, "decipherOnly"},
}

// String renders the key usage bits, or "no keyUsage extension".
func (k KeyUsage) String() string {
	if !k.Present {
		return "no keyUsage extension"
	}
	var names []string
	for _, n := range kuNames {
		if k.Bits&n.bit != 0 {
			names = append(names, n.name)
		}
	}
	if len(names) == 0 {
		return "(no bits set)"
	}
	return strings.Join(names, ", ")
}

// AllowsSSLServer reports whether keyUsage passes OpenSSL's sslserver
// purpose: digitalSignature, keyEncipherment or keyAgreement.
func (k KeyUsage) AllowsSSLServer() bool {
	return !k.Present || k.Has(x509.KeyUsageDigitalSignature|x509.KeyUsageKeyEncipherment|x509.KeyUsageKeyAgreement)
}

// AllowsSSLClient reports whether keyUsage passes OpenSSL's sslclient
// purpose: digitalSignature or keyAgreement.
func (k KeyUsage) AllowsSSLClient() bool {
	return !k.Present || k.Has(x509.KeyUsageDigitalSignature|x509.KeyUsageKeyAgreement)
}
