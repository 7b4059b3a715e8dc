package xmppaddr

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_xmppaddr_invalid_jid",
			Description:   "An XmppAddr must be a valid JID under RFC 7622 (PRECIS profiles for localpart and resourcepart, IDNA2008 for the domainpart), checked with mellium.im/xmpp/jid.",
			Citation:      "RFC 7622 3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC7622Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrInvalidJID{} },
	})
}

type xmppaddrInvalidJID struct{}

func (xmppaddrInvalidJID) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

func (xmppaddrInvalidJID) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		if p := jidProblem(x.JID); p != "" {
			f.add(x, "is not a valid JID: %s", p)
		}
	}
	return f.result(lint.Error)
}

// jidProblem says why a JID is invalid, or returns "". A '*' in the
// domainpart is left to e_xmpp_xmppaddr_wildcard: the JID is judged with
// each '*' there replaced by a letter.
func jidProblem(j xmpp.JIDInfo) string {
	if strings.Contains(j.Domain, "*") {
		j = xmpp.AnalyzeJID(rebuild(j, strings.ReplaceAll(j.Domain, "*", "x")))
	}
	if j.Err != nil {
		return j.Err.Error()
	}
	if strings.HasPrefix(j.Domain, "[") {
		return "" // an IPv6 literal (RFC 7622 3.2)
	}
	for _, l := range domainLabels(j.Domain) {
		if l == "" {
			return "the domainpart " + quote(j.Domain) + " has an empty label"
		}
	}
	return ""
}
