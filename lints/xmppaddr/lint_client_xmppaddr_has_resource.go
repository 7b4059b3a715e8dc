package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_client_xmppaddr_has_resource",
			Description:   "A client certificate's XmppAddr names the account, a bare JID: the server binds the resource (RFC 6120 7), so a resourcepart in the certificate is not used for authentication.",
			Citation:      "RFC 6120 13.7.2.2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesClient,
		New:     func() xmpp.Lint { return clientXmppaddrHasResource{} },
	})
}

type clientXmppaddrHasResource struct{}

func (clientXmppaddrHasResource) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

func (clientXmppaddrHasResource) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		if x.JID.HasResource {
			f.add(x, "has the resourcepart %q: a client certificate names the bare JID %q", x.JID.Resource, rebuild(xmpp.JIDInfo{Local: x.JID.Local, HasLocal: x.JID.HasLocal}, x.JID.Domain))
		}
	}
	return f.result(lint.Warn)
}
