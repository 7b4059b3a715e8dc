package srvid

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_srvname_wildcard",
			Description:   "A wildcard SRV-ID `_Service.*.<domain>` covers the service of exactly one label below <domain>, never <domain> itself (RFC 6120 13.7.1.2.1 lets verifiers match it).",
			Citation:      "RFC 6120 13.7.1.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameWildcard{} },
	})
}

type srvnameWildcard struct{}

func (srvnameWildcard) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

// Check notes valid wildcards only: an invalid one is an error of
// e_xmpp_srvname_wildcard_invalid.
func (srvnameWildcard) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		name := trimmedName(s)
		if xmpp.IsWildcard(name) && wildcardProblem(s) == "" {
			f.add(s, "is a wildcard: it covers %q for one label below %q, not %q itself", "_"+s.Service, name[2:], name[2:])
		}
	}
	return f.result(lint.Notice)
}
