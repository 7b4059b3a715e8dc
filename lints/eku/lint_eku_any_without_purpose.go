package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_eku_any_without_purpose",
			Description:   "An EKU with anyExtendedKeyUsage must also list the role's own purpose (serverAuth for a server certificate, clientAuth for a client certificate): OpenSSL's purpose checks ignore anyExtendedKeyUsage, so every OpenSSL-based XMPP server rejects the certificate otherwise.",
			Citation:      "RFC 5280 4.2.1.12; Interop",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesServerClient,
		New:     func() xmpp.Lint { return ekuAnyWithoutPurpose{} },
	})
}

type ekuAnyWithoutPurpose struct{}

func (ekuAnyWithoutPurpose) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (ekuAnyWithoutPurpose) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.Any {
		return xmpp.Pass()
	}
	if v.IsClient() {
		if v.EKU.ClientAuth {
			return xmpp.Pass()
		}
		return xmpp.Result(lint.Error, "client certificate EKU [%s] has anyExtendedKeyUsage without clientAuth: OpenSSL's sslclient purpose ignores anyExtendedKeyUsage, so OpenSSL-based servers (Prosody, ejabberd, Metronome) reject it for SASL EXTERNAL", v.EKU)
	}
	if v.EKU.ServerAuth {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "server certificate EKU [%s] has anyExtendedKeyUsage without serverAuth: OpenSSL's sslserver purpose ignores anyExtendedKeyUsage, so every OpenSSL-based peer (Prosody, ejabberd, Metronome, OpenSSL-based clients) rejects it", v.EKU)
}
