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
			Name: "e_xmpp_no_identity_for_domain",
			Description: "Nothing in the certificate (DNS-ID, SRV-ID for the service, bare-domain XmppAddr) matches the XMPP domain under RFC 9525 rules: " +
				"peers that authenticate the domain with the certificate reject it. The domain is the reference identifier, never an SRV target; the CN is not an identity.",
			Citation:      "RFC 6120 13.7.2.1; XEP-0178 3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsDomain,
		New:     func() xmpp.Lint { return noIdentityForDomain{} },
	})
}

type noIdentityForDomain struct{}

func (noIdentityForDomain) Applies(*xmpp.Cert) bool { return true }

func (noIdentityForDomain) Check(v *xmpp.Cert) *lint.LintResult {
	rs := results(v)
	unmatched := func(r identity.Result) bool { return !r.Matched() }
	if !anyOf(rs, unmatched) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "%s (presented: %s)", each(rs, unmatched, func(r identity.Result) string {
		return fmt.Sprintf("nothing matches %s for %s%s", r.Domain, r.Service, hint(r))
	}), presented(v))
}

// hint says what comes close to the domain without matching it.
func hint(r identity.Result) string {
	var h []string
	for _, m := range r.MissedVia(identity.MethodCN) {
		h = append(h, fmt.Sprintf("only the CN %q names it, and a CN is not an identity (RFC 9525 2)", m.Value))
	}
	for _, w := range r.WrongForm {
		h = append(h, fmt.Sprintf("%s holds it in the wrong IDN form", w))
	}
	for _, w := range r.WildcardParent {
		h = append(h, fmt.Sprintf("%q covers only its subdomains", w))
	}
	for _, s := range r.OtherService {
		h = append(h, fmt.Sprintf("SRV-ID %q is for another service", s))
	}
	for _, t := range r.Targets {
		h = append(h, fmt.Sprintf("%s names the SRV target %q, not the domain", t.Identifier, t.Target))
	}
	if len(h) == 0 {
		return ""
	}
	return ": " + strings.Join(h, "; ")
}
