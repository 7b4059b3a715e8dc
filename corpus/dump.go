package corpus

import (
	"fmt"
	"strings"

	zx509 "github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Dump decodes a certificate into short lines for the case header: the
// fields the XMPP lints read, with SRVName and XmppAddr values decoded and
// their string types named. It uses zcrypto, as the lints do, and prints
// nothing that depends on an OpenSSL version.
func Dump(der []byte) []string {
	c, err := zx509.ParseCertificate(der)
	if err != nil {
		return []string{"unparseable: " + err.Error()}
	}
	lines := []string{
		"subject: " + orNone(c.Subject.String()),
		"issuer: " + orNone(c.Issuer.String()),
		fmt.Sprintf("validity: %s to %s", c.NotBefore.UTC().Format("2006-01-02"), c.NotAfter.UTC().Format("2006-01-02")),
		"signature: " + c.SignatureAlgorithmName(),
	}
	if c.BasicConstraintsValid {
		lines = append(lines, fmt.Sprintf("basicConstraints: cA=%t", c.IsCA))
	}
	lines = append(lines, "keyUsage: "+xmpp.AnalyzeKeyUsage(c).String())
	eku := xmpp.AnalyzeEKU(c)
	if eku.Critical {
		lines = append(lines, "extKeyUsage (critical): "+eku.String())
	} else {
		lines = append(lines, "extKeyUsage: "+eku.String())
	}
	var sans []string
	for _, d := range c.DNSNames {
		sans = append(sans, "DNS:"+d)
	}
	for _, on := range c.OtherNames {
		switch {
		case on.TypeID.Equal(xmpp.OIDSRVName):
			sans = append(sans, "SRVName:"+xmpp.DecodeOtherName(on).String())
		case on.TypeID.Equal(xmpp.OIDXmppAddr):
			sans = append(sans, "XmppAddr:"+xmpp.DecodeOtherName(on).String())
		default:
			sans = append(sans, "otherName "+on.TypeID.String()+":"+xmpp.DecodeOtherName(on).String())
		}
	}
	for _, e := range c.EmailAddresses {
		sans = append(sans, "email:"+e)
	}
	for _, u := range c.URIs {
		sans = append(sans, "URI:"+u)
	}
	if len(sans) > 0 {
		lines = append(lines, "subjectAltName: "+strings.Join(sans, ", "))
	}
	if len(c.OCSPServer) > 0 {
		lines = append(lines, "OCSP: "+strings.Join(c.OCSPServer, ", "))
	}
	return lines
}

func orNone(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}
