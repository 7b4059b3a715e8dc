package domain

import (
	"fmt"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_domain_only_via_wildcard_parent",
			Description: "The XMPP domain D is covered only by a `*.D` wildcard, which matches exactly one label below D and never D itself. " +
				"Add D itself as a DNS-ID.",
			Citation:      "RFC 9525 6.3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date, // RFC 6125 6.4.3 (March 2011, with RFC 6120) already had the one-label rule
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsDomain,
		New:     func() xmpp.Lint { return domainOnlyViaWildcardParent{} },
	})
}

type domainOnlyViaWildcardParent struct{}

func hasParent(r identity.Result) bool { return len(r.WildcardParent) > 0 }

func onlyParent(r identity.Result) bool { return hasParent(r) && !r.Matched() }

func (domainOnlyViaWildcardParent) Applies(v *xmpp.Cert) bool { return anyOf(results(v), hasParent) }

func (domainOnlyViaWildcardParent) Check(v *xmpp.Cert) *lint.LintResult {
	rs := results(v)
	if !anyOf(rs, onlyParent) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "%s", each(rs, onlyParent, func(r identity.Result) string {
		return fmt.Sprintf("%s is covered only by %q, which matches one label below it, never the domain itself",
			r.Domain, strings.Join(r.WildcardParent, `", "`))
	}))
}
