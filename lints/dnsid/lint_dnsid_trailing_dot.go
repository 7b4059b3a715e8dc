package dnsid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_dnsid_trailing_dot",
			Description: "A DNS-ID should not end with a dot: the CA/B Forum BRs forbid it, and XMPP servers compare " +
				"the name as a string with the XMPP domain, which has no trailing dot (Prosody and ejabberd never match it). " +
				"Checks every dNSName of any certificate.",
			Citation: "CABF BR 7.1.2.7.12; Interop",
			Source:   xmpp.SourceCABF,
			// The interop failure concerns every XMPP certificate, whatever
			// its issue date, not only those under the BRs.
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return dnsidTrailingDot{} },
	})
}

type dnsidTrailingDot struct{}

func (dnsidTrailingDot) Applies(v *xmpp.Cert) bool { return len(v.DNSNames) > 0 }

func (dnsidTrailingDot) Check(v *xmpp.Cert) *lint.LintResult {
	var bad []string
	for _, n := range v.DNSNames {
		if strings.HasSuffix(n, ".") {
			bad = append(bad, n)
		}
	}
	if len(bad) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "trailing dot in %s: Prosody and ejabberd compare the name as a string with the XMPP domain, which has none, so it never matches", labelled(bad))
}
