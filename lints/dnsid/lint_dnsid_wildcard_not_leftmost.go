package dnsid

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "e_xmpp_dnsid_wildcard_not_leftmost",
			Description: "A '*' in a DNS-ID is valid only as the whole left-most label, and only once " +
				"(`*.example.org`): partial-label, inner-label and repeated wildcards match nothing under RFC 9525. " +
				"Checks every dNSName of any certificate.",
			Citation:      "RFC 6120 13.7.1.2.1; RFC 9525 6.3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return dnsidWildcardNotLeftmost{} },
	})
}

type dnsidWildcardNotLeftmost struct{}

func (dnsidWildcardNotLeftmost) Applies(v *xmpp.Cert) bool { return len(v.DNSNames) > 0 }

func (dnsidWildcardNotLeftmost) Check(v *xmpp.Cert) *lint.LintResult {
	var bad []string
	for _, n := range v.DNSNames {
		if p := xmpp.WildcardProblem(trimDot(n)); p != "" {
			bad = append(bad, "DNS-ID "+quoted(n)+" ("+p+")")
		}
	}
	if len(bad) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "misplaced wildcard in %s: a wildcard is valid only as the whole left-most label, once, so no RFC 9525 verifier matches it", joinAnd(bad))
}
