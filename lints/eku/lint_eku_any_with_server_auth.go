package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_eku_any_with_server_auth",
			Description:   "A server certificate's EKU lists anyExtendedKeyUsage next to serverAuth: the CA/Browser Forum BRs forbid anyExtendedKeyUsage in subscriber certificates, so a public CA would not issue it.",
			Citation:      "CABF BR 7.1.2.7.10",
			Source:        xmpp.SourceCABF,
			EffectiveDate: xmpp.CABFProfilesDate,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return ekuAnyWithServerAuth{} },
	})
}

type ekuAnyWithServerAuth struct{}

func (ekuAnyWithServerAuth) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (ekuAnyWithServerAuth) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.Any || !v.EKU.ServerAuth {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Notice, "EKU [%s] lists anyExtendedKeyUsage next to serverAuth: CA/Browser Forum BR 7.1.2.7.10 forbids anyExtendedKeyUsage in subscriber certificates", v.EKU)
}
