package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_xmppaddr_a_label",
			Description:   "The domainpart of an XmppAddr is written in U-labels (RFC 7622 3.2.1): an A-label (`xn--`) there is compared as written and does not match the Unicode domain.",
			Citation:      "RFC 7622 3.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC7622Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrALabel{} },
	})
}

type xmppaddrALabel struct{}

func (xmppaddrALabel) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

// Check reports `xn--` labels that decode to a U-label; one that does not
// decode is no A-label and e_xmpp_xmppaddr_invalid_jid reports it.
func (xmppaddrALabel) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		for _, l := range domainLabels(x.JID.Domain) {
			if xmpp.IsALabel(l) && xmpp.ValidALabel(l) {
				f.add(x, "has the A-label %q in its domainpart: XmppAddr carries U-labels (%q)", l, xmpp.ToUnicode(x.JID.Domain))
				break
			}
		}
	}
	return f.result(lint.Error)
}
