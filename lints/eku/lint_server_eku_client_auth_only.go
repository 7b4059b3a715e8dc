package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_server_eku_client_auth_only",
			Description:   "An XMPP server certificate whose EKU allows clientAuth but neither serverAuth nor anyExtendedKeyUsage is a client credential: Prosody and ejabberd >= 25.07 (and Debian 13's 24.12) reject it, while legacy receivers that keep OpenSSL's default client-side purpose (legacy ejabberd, i.e. upstream < 25.07 without Debian 13's backport such as Debian 12's 23.01; plain OpenSSL servers) accept it as a server's s2s credential.",
			Citation:      "XEP-0178 PR 1501 rationale",
			Source:        xmpp.SourceXEPPR,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return serverEKUClientAuthOnly{} },
	})
}

type serverEKUClientAuthOnly struct{}

func (serverEKUClientAuthOnly) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (serverEKUClientAuthOnly) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.ClientAuth || v.EKU.ServerAuth || v.EKU.Any {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "EKU [%s] allows clientAuth without serverAuth or anyExtendedKeyUsage: Prosody and ejabberd >= 25.07 (and Debian 13's 24.12) reject it as a server certificate, while legacy ejabberd (upstream < 25.07 without Debian 13's backport, e.g. Debian 12's 23.01) and plain OpenSSL servers accept it on s2s as a client credential", v.EKU)
}
