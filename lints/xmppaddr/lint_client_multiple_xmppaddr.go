package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_client_multiple_xmppaddr",
			Description:   "A client certificate with more than one XmppAddr does not tell the server which account to log in to: the client must send an authorization identity with SASL EXTERNAL (XEP-0178 2).",
			Citation:      "XEP-0178 2",
			Source:        xmpp.SourceXEP,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesClient,
		New:     func() xmpp.Lint { return clientMultipleXmppaddr{} },
	})
}

type clientMultipleXmppaddr struct{}

func (clientMultipleXmppaddr) Applies(v *xmpp.Cert) bool { return len(v.XmppAddrs) > 0 }

// Check counts distinct values: the same JID written twice names one
// account. Every XmppAddr counts, whatever its string type.
func (clientMultipleXmppaddr) Check(v *xmpp.Cert) *lint.LintResult {
	if countDistinct(v.XmppAddrs) < 2 {
		return xmpp.Pass()
	}
	s, n := list(v.XmppAddrs)
	return xmpp.Result(lint.Notice, "the client certificate has %d XmppAddrs (%s): the client must send an authorization identity with SASL EXTERNAL to choose one", n, s)
}
