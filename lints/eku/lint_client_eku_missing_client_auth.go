package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_client_eku_missing_client_auth",
			Description:   "An XMPP client certificate with an EKU extension must allow clientAuth (or anyExtendedKeyUsage): the certificate is presented as a TLS client certificate for SASL EXTERNAL.",
			Citation:      "RFC 5280 4.2.1.12",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesClient,
		New:     func() xmpp.Lint { return clientEKUMissingClientAuth{} },
	})
}

type clientEKUMissingClientAuth struct{}

func (clientEKUMissingClientAuth) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (clientEKUMissingClientAuth) Check(v *xmpp.Cert) *lint.LintResult {
	if v.EKU.ClientAuth || v.EKU.Any {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "client certificate EKU [%s] has neither clientAuth nor anyExtendedKeyUsage: it cannot be used as a TLS client certificate for SASL EXTERNAL", v.EKU)
}
