package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_server_eku_absent",
			Description:   "An XMPP server certificate should carry an EKU extension: every server measured accepts a certificate without one, but XEP-0178 PR 1501 requires the extension, and the CA/Browser Forum BRs and Chrome (from 2027-03-15) require it in publicly-trusted certificates.",
			Citation:      "XEP-0178 PR 1501; CABF BR 7.1.2.7.6",
			Source:        xmpp.SourceXEPPR,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return serverEKUAbsent{} },
	})
}

type serverEKUAbsent struct{}

// Applies: on a certificate request the EKU is the CA's to add when none
// is requested.
func (serverEKUAbsent) Applies(v *xmpp.Cert) bool { return !v.Request }

func (serverEKUAbsent) Check(v *xmpp.Cert) *lint.LintResult {
	if v.EKU.Present {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "no extendedKeyUsage extension: accepted by every server measured, but XEP-0178 PR 1501 requires one with serverAuth, as do CA/Browser Forum BR 7.1.2.7.6 and Chrome from 2027-03-15 for publicly-trusted certificates")
}
