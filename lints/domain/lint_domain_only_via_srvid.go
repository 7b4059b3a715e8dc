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
			Name: "w_xmpp_domain_only_via_srvid",
			Description: "The XMPP domain matches only through an SRV-ID: ejabberd has no SRV-ID support (\"Certificate host name mismatch\") " +
				"and OpenSSL's host name check ignores SRV-IDs. Add a DNS-ID for the domain.",
			Citation:      "Interop",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsDomain,
		New:     func() xmpp.Lint { return domainOnlyViaSRVID{} },
	})
}

type domainOnlyViaSRVID struct{}

func (domainOnlyViaSRVID) Applies(v *xmpp.Cert) bool {
	return anyOf(results(v), identity.Result.Matched)
}

func (domainOnlyViaSRVID) Check(v *xmpp.Cert) *lint.LintResult {
	rs := results(v)
	only := func(r identity.Result) bool { return r.OnlyVia(identity.MethodSRVID) }
	if !anyOf(rs, only) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "%s", each(rs, only, func(r identity.Result) string {
		return fmt.Sprintf("%s matches only through %s: %s", r.Domain, firstOf(r.Matches), verifiers(v, r))
	}))
}
