package consistency

import (
	"strconv"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "n_xmpp_mixed_user_and_server_identities",
			Description: "A user XmppAddr (a JID with a localpart) sits next to server identities (DNS-ID, SRV-ID or bare-domain " +
				"XmppAddr): RFC 6120 describes server certificates (13.7.1.2) and client certificates (13.7.1.3) separately, and " +
				"one certificate naming both a user and a service is usually a mistake (role auto treats it as a server certificate).",
			Citation:      "RFC 6120 13.7.1.2, 13.7.1.3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServerClient,
		New:     func() xmpp.Lint { return mixedUserAndServer{} },
	})
}

type mixedUserAndServer struct{}

func (mixedUserAndServer) Applies(v *xmpp.Cert) bool { return len(v.UserXmppAddrs()) > 0 }

func (mixedUserAndServer) Check(v *xmpp.Cert) *lint.LintResult {
	bare, users := v.BareDomainXmppAddrs(), v.UserXmppAddrs()
	nd, ns := len(v.DNSNames), len(v.SRVNames)
	nserver := nd + ns + len(bare)
	if nserver == 0 {
		return xmpp.Pass()
	}
	server := xmpp.FewOf(nserver, ", ", func(i int) string {
		switch {
		case i < nd:
			return "DNS-ID " + strconv.Quote(v.DNSNames[i])
		case i < nd+ns:
			return "SRV-ID " + v.SRVNames[i-nd].String()
		}
		return "XmppAddr " + bare[i-nd-ns].String()
	})
	user := xmpp.FewOf(len(users), ", ", func(i int) string { return "XmppAddr " + users[i].String() })
	return xmpp.Result(lint.Notice, "user identity %s sits next to server identities %s: one certificate names both a user and a service", user, server)
}
