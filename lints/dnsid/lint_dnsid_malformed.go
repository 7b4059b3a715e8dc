package dnsid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "e_xmpp_dnsid_malformed",
			Description: "A DNS-ID must be a DNS name in preferred name syntax: ASCII letters, digits and inner hyphens, " +
				"labels of 1 to 63 characters, at most 253 in all; an IDN goes in as valid A-labels, never U-labels. " +
				"The placement of '*' and a trailing dot have lints of their own. Checks every dNSName of any certificate.",
			Citation:      "RFC 5280 4.2.1.6",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return dnsidMalformed{} },
	})
}

type dnsidMalformed struct{}

func (dnsidMalformed) Applies(v *xmpp.Cert) bool { return len(v.DNSNames) > 0 }

func (dnsidMalformed) Check(v *xmpp.Cert) *lint.LintResult {
	var bad []string
	for _, n := range v.DNSNames {
		if p := dnsNameProblem(n); p != "" {
			bad = append(bad, "DNS-ID "+quoted(n)+" is not a DNS name in preferred name syntax: "+p)
		}
	}
	if len(bad) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "%s", list(bad))
}

// dnsNameProblem adds to xmpp.DNSNameProblem the check that every "xn--"
// label is a real A-label: a label with the ACE prefix that does not decode
// to a valid U-label is no IDN and no LDH name either (RFC 5890 2.3.2.1).
func dnsNameProblem(n string) string {
	if p := xmpp.DNSNameProblem(n, true); p != "" {
		return p
	}
	for l := range strings.SplitSeq(trimDot(n), ".") {
		if xmpp.IsALabel(l) && !xmpp.ValidALabel(l) {
			return "label " + quoted(l) + " has the A-label prefix but does not decode to a valid U-label"
		}
	}
	return ""
}
