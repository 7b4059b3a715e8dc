package cnid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "e_xmpp_server_no_san_identity",
			Description: "An XMPP server certificate must name its service in the subjectAltName: a DNS-ID, an SRV-ID " +
				"or a bare-domain XmppAddr. RFC 9525 no longer uses the subject CN as an identity; Prosody >= 13 ignores it, " +
				"while Prosody 0.12 and ejabberd still accept it. A user XmppAddr (with a localpart) names a user, not the service.",
			Citation:      "RFC 9525 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC9525Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return serverNoSANIdentity{} },
	})
}

type serverNoSANIdentity struct{}

func (serverNoSANIdentity) Applies(*xmpp.Cert) bool { return true }

func (serverNoSANIdentity) Check(v *xmpp.Cert) *lint.LintResult {
	if v.HasServerIdentity() {
		return xmpp.Pass()
	}
	var users []string
	for _, x := range v.XmppAddrs {
		users = append(users, "XmppAddr "+x.String())
	}
	extra := ""
	if len(users) > 0 {
		extra = " (the user identity " + joinAnd(users) + " names a user)"
	}
	if len(v.CNs) == 0 {
		return xmpp.Result(lint.Error, "no DNS-ID, SRV-ID or bare-domain XmppAddr names the XMPP service%s, and there is no CN either", extra)
	}
	return xmpp.Result(lint.Error, "no DNS-ID, SRV-ID or bare-domain XmppAddr names the XMPP service%s, only CN %s, which Prosody >= 13 and RFC 9525 verifiers ignore (Prosody 0.12 and ejabberd still match a CN)",
		extra, quotedList(v.CNs))
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	if len(parts) > xmpp.FewItems {
		return xmpp.Few(parts, ", ")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
