package domain

import (
	"fmt"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_domain_only_via_cn",
			Description: "The XMPP domain is named only by the subject CN, which is not an identity under RFC 9525: " +
				"Prosody 13 ignores it, and the others read it only in some cases. Put the domain in a DNS-ID.",
			Citation:      "RFC 9525 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC9525Date,
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsDomain,
		New:     func() xmpp.Lint { return domainOnlyViaCN{} },
	})
}

type domainOnlyViaCN struct{}

func viaCN(r identity.Result) bool { return !r.Matched() && len(r.MissedVia(identity.MethodCN)) > 0 }

func (domainOnlyViaCN) Applies(v *xmpp.Cert) bool {
	return anyOf(results(v), func(r identity.Result) bool { return r.Matched() || viaCN(r) })
}

func (domainOnlyViaCN) Check(v *xmpp.Cert) *lint.LintResult {
	rs := results(v)
	if !anyOf(rs, viaCN) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "%s", each(rs, viaCN, func(r identity.Result) string {
		return fmt.Sprintf("%s is named only by CN %q: %s", r.Domain, r.MissedVia(identity.MethodCN)[0].Value, verifiers(v, r))
	}))
}
