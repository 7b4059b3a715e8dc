package xmppaddr

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_xmppaddr_trailing_dot",
			Description:   "The domainpart of an XmppAddr should not end with a dot: RFC 7622 3.2 has the dot stripped before a JID is compared, and verifiers that compare as written never match it.",
			Citation:      "RFC 7622 3.2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC7622Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrTrailingDot{} },
	})
}

type xmppaddrTrailingDot struct{}

func (xmppaddrTrailingDot) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

func (xmppaddrTrailingDot) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		if strings.HasSuffix(x.JID.Domain, ".") {
			f.add(x, "has a domainpart ending with a dot (%q): write %q", x.JID.Domain, strings.TrimSuffix(x.JID.Domain, "."))
		}
	}
	return f.result(lint.Warn)
}
