package xmppaddr

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_xmppaddr_wildcard",
			Description:   "An XmppAddr names one JID: '*' is no wildcard in a domainpart (RFC 7622 3.2 does not allow it there) and verifiers never match XmppAddr with wildcards (RFC 6120 13.7.1.2.1).",
			Citation:      "RFC 7622 3.2; RFC 6120 13.7.1.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrWildcard{} },
	})
}

type xmppaddrWildcard struct{}

func (xmppaddrWildcard) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

// Check looks at the domainpart only: '*' is an ordinary character in a
// localpart or resourcepart (RFC 7622 3.3, 3.4).
func (xmppaddrWildcard) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		if strings.Contains(x.JID.Domain, "*") {
			f.add(x, "has '*' in its domainpart %q: XmppAddr has no wildcards, use a wildcard DNS-ID", x.JID.Domain)
		}
	}
	return f.result(lint.Error)
}
