package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_srvname_wildcard_invalid",
			Description:   "A wildcard in an SRVName is allowed only as the whole left-most label of Name, once (`_xmpp-server.*.example.org`): a '*' in the service label, inside a label, in another label, or more than one '*' is invalid.",
			Citation:      "RFC 9525 6.3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameWildcardInvalid{} },
	})
}

type srvnameWildcardInvalid struct{}

func (srvnameWildcardInvalid) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameWildcardInvalid) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		if p := wildcardProblem(s); p != "" {
			f.add(s, "has an invalid wildcard: %s", p)
		}
	}
	return f.result(lint.Error)
}

// wildcardProblem judges the '*' of a shaped SRVName, or returns "".
func wildcardProblem(s xmpp.SRVName) string {
	switch n := strings.Count(s.Value, "*"); {
	case n == 0:
		return ""
	case n > 1:
		return "more than one '*'"
	case strings.Contains(s.Service, "*"):
		return "'*' in the service label " + quote("_"+s.Service)
	}
	return xmpp.WildcardProblem(trimmedName(s))
}
