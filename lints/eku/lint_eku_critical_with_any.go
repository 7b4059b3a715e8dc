package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_eku_critical_with_any",
			Description:   "The EKU extension should not be critical when it contains anyExtendedKeyUsage.",
			Citation:      "RFC 5280 4.2.1.12",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return ekuCriticalWithAny{} },
	})
}

type ekuCriticalWithAny struct{}

func (ekuCriticalWithAny) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (ekuCriticalWithAny) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.Critical || !v.EKU.Any {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "EKU [%s] is marked critical and contains anyExtendedKeyUsage: RFC 5280 says it SHOULD NOT be critical then", v.EKU)
}
