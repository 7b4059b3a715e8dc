package dnsid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_dnsid_not_lowercase",
			Description: "A DNS-ID should be written in lower case: DNS names compare case-insensitively, " +
				"but ejabberd compares the dNSName byte for byte with the (lower-case) XMPP domain, " +
				"so an upper-case letter makes it miss. Checks every dNSName of any certificate.",
			Citation:      "RFC 5280 4.2.1.6; Interop",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return dnsidNotLowercase{} },
	})
}

type dnsidNotLowercase struct{}

func (dnsidNotLowercase) Applies(v *xmpp.Cert) bool { return len(v.DNSNames) > 0 }

func (dnsidNotLowercase) Check(v *xmpp.Cert) *lint.LintResult {
	var bad, lower []string
	for _, n := range v.DNSNames {
		if xmpp.HasUpperASCII(n) {
			bad = append(bad, n)
			lower = append(lower, quoted(strings.ToLower(n)))
		}
	}
	if len(bad) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "upper-case letters in %s (write %s): ejabberd compares dNSName byte for byte with the lower-case XMPP domain and does not match it",
		labelled(bad), xmpp.Few(lower, ", "))
}
