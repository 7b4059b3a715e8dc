package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_s2s_eku_missing_client_auth",
			Description:   "An XMPP server certificate used on s2s is also presented as a TLS client certificate when the server initiates (RFC 6120 5.4.3.1): with serverAuth but no clientAuth, receivers that verify the initiator with OpenSSL's default sslclient purpose (legacy ejabberd, i.e. upstream < 25.07 without Debian 13's backport such as Debian 12's 23.01; Metronome; plain OpenSSL servers) reject it and fall back to dialback where it is enabled.",
			Citation:      "Interop; XSF standards list 2026",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesServer,
		Scope:   xmpp.ScopeS2S,
		New:     func() xmpp.Lint { return s2sEKUMissingClientAuth{} },
	})
}

type s2sEKUMissingClientAuth struct{}

func (s2sEKUMissingClientAuth) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (s2sEKUMissingClientAuth) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.ServerAuth || v.EKU.ClientAuth {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "EKU [%s] has serverAuth without clientAuth: when this server initiates s2s, receivers that check it with OpenSSL's default sslclient purpose (legacy ejabberd, i.e. upstream < 25.07 without Debian 13's backport such as Debian 12's 23.01; Metronome; plain OpenSSL servers) reject it as \"unsupported certificate purpose\" and fall back to dialback where it is enabled", v.EKU)
}
