package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_server_xmppaddr_discouraged",
			Description:   "XmppAddr in server certificates is \"no longer encouraged\" (RFC 6120 13.7.1.2.1): DNS-IDs and SRV-IDs identify an XMPP service.",
			Citation:      "RFC 6120 13.7.1.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return serverXmppaddrDiscouraged{} },
	})
}

type serverXmppaddrDiscouraged struct{}

// Applies to every server certificate: the rule is about the certificate
// carrying any XmppAddr, so one without is a pass.
func (serverXmppaddrDiscouraged) Applies(*xmpp.Cert) bool { return true }

func (serverXmppaddrDiscouraged) Check(v *xmpp.Cert) *lint.LintResult {
	if len(v.XmppAddrs) == 0 {
		return xmpp.Pass()
	}
	s, n := list(v.XmppAddrs)
	return xmpp.Result(lint.Notice, "the server certificate carries %s (%s), which RFC 6120 13.7.1.2.1 no longer encourages: identify the service with DNS-IDs and SRV-IDs", plural(n, "an XmppAddr", "XmppAddrs"), s)
}
