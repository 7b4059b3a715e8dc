package chain

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// caName names a presented CA certificate for Details: its depth in the
// chain (1 is the leaf's issuer) and its CN or subject.
func caName(depth int, c *x509.Certificate) string {
	name := xmpp.DNString(&c.Subject)
	if len(c.Subject.CommonNames) > 0 {
		name = "CN=" + c.Subject.CommonNames[0]
	}
	return fmt.Sprintf("depth %d (%q)", depth, name)
}

// ekuFindings lists the presented CA certificates whose EKU fails the
// OpenSSL purpose check allows reports, as "depth N ("CN=..."): EKU [...]".
func ekuFindings(v *xmpp.Cert, allows func(xmpp.EKU) bool) []string {
	var out []string
	for i, c := range v.Chain {
		if e := xmpp.AnalyzeEKU(c); !allows(e) {
			note := ""
			if e.Any {
				note = " (anyExtendedKeyUsage does not count at CA depth)"
			}
			out = append(out, fmt.Sprintf("%s EKU [%s]%s", caName(i+1, c), e, note))
		}
	}
	return out
}

func join(findings []string) string { return xmpp.Few(findings, "; ") }
