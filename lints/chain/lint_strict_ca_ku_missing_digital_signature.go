package chain

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_strict_ca_ku_missing_digital_signature",
			Description:   "Read to the letter, RFC 6120 13.7.1.1 has CA certificates carry keyUsage digitalSignature: a CA certificate in the presented chain without it fails the strict profile.",
			Citation:      "RFC 6120 13.7.1.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServerClient,
		Profile: xmpp.ProfileStrict,
		Needs:   xmpp.NeedsChain,
		New:     func() xmpp.Lint { return strictCAKUMissingDigitalSignature{} },
	})
}

type strictCAKUMissingDigitalSignature struct{}

func (strictCAKUMissingDigitalSignature) Applies(*xmpp.Cert) bool { return true }

func (strictCAKUMissingDigitalSignature) Check(v *xmpp.Cert) *lint.LintResult {
	var found []string
	for i, c := range v.Chain {
		ku := xmpp.AnalyzeKeyUsage(c)
		switch {
		case !ku.Present:
			found = append(found, fmt.Sprintf("%s has no keyUsage extension", caName(i+1, c)))
		case !ku.Has(x509.KeyUsageDigitalSignature):
			found = append(found, fmt.Sprintf("%s keyUsage [%s] lacks digitalSignature", caName(i+1, c), ku))
		}
	}
	if len(found) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "CA certificate at %s (RFC 6120 13.7.1.1)", join(found))
}
