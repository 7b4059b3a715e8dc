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
			Name: "w_xmpp_identity_is_srv_target_not_source",
			Description: "The certificate names the host the domain's SRV record points at, not the XMPP domain: peers take the reference identifier " +
				"from the user's domain, never from the SRV target, so the certificate does not authenticate the domain.",
			Citation: "RFC 7712 6",
			Source:   xmpp.SourceRFC,
			// RFC 6120 13.7.2.1 (March 2011) already made the source domain, not
			// the SRV target, the reference identifier; RFC 7712 restates it.
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsDomain,
		New:     func() xmpp.Lint { return identityIsSRVTargetNotSource{} },
	})
}

type identityIsSRVTargetNotSource struct{}

func targetOnly(r identity.Result) bool { return !r.Matched() && len(r.Targets) > 0 }

func (identityIsSRVTargetNotSource) Applies(v *xmpp.Cert) bool { return len(v.Opts.SRVTargets) > 0 }

func (identityIsSRVTargetNotSource) Check(v *xmpp.Cert) *lint.LintResult {
	rs := results(v)
	if !anyOf(rs, targetOnly) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "%s", each(rs, targetOnly, func(r identity.Result) string {
		t := r.Targets[0]
		return fmt.Sprintf("%s names the SRV target %q, not the XMPP domain %s: it does not authenticate the domain", t.Identifier, t.Target, r.Domain)
	}))
}
