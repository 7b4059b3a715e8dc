package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_server_eku_missing_server_auth",
			Description:   "An XMPP server certificate with an EKU extension must allow serverAuth: XEP-0178 PR 1501 has servers require serverAuth of their peer in both directions.",
			Citation:      "XEP-0178 PR 1501; RFC 5280 4.2.1.12",
			Source:        xmpp.SourceXEPPR,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return serverEKUMissingServerAuth{} },
	})
}

type serverEKUMissingServerAuth struct{}

func (serverEKUMissingServerAuth) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (serverEKUMissingServerAuth) Check(v *xmpp.Cert) *lint.LintResult {
	if v.EKU.ServerAuth || v.EKU.Any || v.EKU.ClientAuth {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "EKU [%s] has none of serverAuth, anyExtendedKeyUsage, clientAuth: Prosody and servers following XEP-0178 PR 1501 reject it as a server certificate in both s2s directions", v.EKU)
}
