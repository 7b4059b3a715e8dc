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
			Name: "n_xmpp_domain_idn_form_mismatch",
			Description: "The internationalized XMPP domain is present only in the wrong form: DNS-IDs and SRV-IDs carry A-labels (xn--), " +
				"XmppAddr carries U-labels, so a U-label DNS-ID or an A-label XmppAddr does not match.",
			Citation:      "RFC 4985 3; RFC 7622 3.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsDomain,
		New:     func() xmpp.Lint { return domainIDNFormMismatch{} },
	})
}

type domainIDNFormMismatch struct{}

func isIDN(r identity.Result) bool { return r.Domain.IDN() }

func wrongFormOnly(r identity.Result) bool { return isIDN(r) && !r.Matched() && len(r.WrongForm) > 0 }

func (domainIDNFormMismatch) Applies(v *xmpp.Cert) bool { return anyOf(results(v), isIDN) }

func (domainIDNFormMismatch) Check(v *xmpp.Cert) *lint.LintResult {
	rs := results(v)
	if !anyOf(rs, wrongFormOnly) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Notice, "%s", each(rs, wrongFormOnly, func(r identity.Result) string {
		return fmt.Sprintf("%s is present only in the wrong IDN form: %s (DNS-ID and SRV-ID take the A-label %q, XmppAddr the U-label %q)",
			r.Domain, firstOf(r.WrongForm), r.Domain.ALabel, r.Domain.ULabel)
	}))
}
