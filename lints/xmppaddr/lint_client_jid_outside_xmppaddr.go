package xmppaddr

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_client_jid_outside_xmppaddr",
			Description:   "A client certificate names the user's JID in an XmppAddr (RFC 6120 13.7.1.3, XEP-0178 2): a `local@domain` in an rfc822Name or the CN, without any XmppAddr, is honoured only by a server's local policy, if at all.",
			Citation:      "RFC 6120 13.7.1.3; XEP-0178 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesClient,
		New:     func() xmpp.Lint { return clientJIDOutsideXmppaddr{} },
	})
}

type clientJIDOutsideXmppaddr struct{}

// Applies: a client certificate without any XmppAddr (an XmppAddr of the
// wrong string type is still an XmppAddr, judged by the section D lints).
func (clientJIDOutsideXmppaddr) Applies(v *xmpp.Cert) bool { return len(v.XmppAddrs) == 0 }

func (clientJIDOutsideXmppaddr) Check(v *xmpp.Cert) *lint.LintResult {
	var found []string
	for _, e := range v.X.EmailAddresses {
		if isUserJID(e) {
			found = append(found, "rfc822Name "+quote(e))
		}
	}
	for _, cn := range v.CNs {
		if isUserJID(cn) {
			found = append(found, "CN "+quote(cn))
		}
	}
	if len(found) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "the client certificate has no XmppAddr, but %s holds a JID: servers look for it in an XmppAddr (UTF8String) and honour other fields only by local policy", strings.Join(found, " and "))
}

// isUserJID reports a valid JID with a localpart.
func isUserJID(s string) bool {
	if !strings.Contains(s, "@") {
		return false
	}
	j := xmpp.AnalyzeJID(s)
	return j.Err == nil && j.HasLocal
}
