package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_server_xmppaddr_not_bare_domain",
			Description:   "An XmppAddr in a server certificate names the XMPP service: a domainpart alone, with no localpart and no resourcepart.",
			Citation:      "RFC 6120 13.7.1.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return serverXmppaddrNotBareDomain{} },
	})
}

type serverXmppaddrNotBareDomain struct{}

func (serverXmppaddrNotBareDomain) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

func (serverXmppaddrNotBareDomain) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		switch {
		case x.JID.HasLocal && x.JID.HasResource:
			f.add(x, "is not a bare domain: it has the localpart %q and the resourcepart %q", x.JID.Local, x.JID.Resource)
		case x.JID.HasLocal:
			f.add(x, "is not a bare domain: it has the localpart %q", x.JID.Local)
		case x.JID.HasResource:
			f.add(x, "is not a bare domain: it has the resourcepart %q", x.JID.Resource)
		}
	}
	return f.result(lint.Error)
}
