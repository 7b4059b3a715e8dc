package dnsid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "n_xmpp_dnsid_wildcard",
			Description: "A wildcard DNS-ID `*.D` matches exactly one label below D and never the XMPP domain D itself: " +
				"a certificate for the XMPP domain D needs D as a DNS-ID (or SRV-ID) of its own. " +
				"Checks every dNSName of any certificate.",
			Citation: "RFC 9525 6.3",
			Source:   xmpp.SourceRFC,
			// RFC 6120 13.7.1.2.1 allowed `*.D` DNS-IDs under RFC 6125 6.4.3,
			// which already matched one label only; RFC 9525 restates it.
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return dnsidWildcard{} },
	})
}

type dnsidWildcard struct{}

func (dnsidWildcard) Applies(v *xmpp.Cert) bool { return len(v.DNSNames) > 0 }

func (dnsidWildcard) Check(v *xmpp.Cert) *lint.LintResult {
	var found []string
	for _, n := range v.DNSNames {
		t := trimDot(n)
		if !xmpp.IsWildcard(t) {
			continue
		}
		parent := strings.ToLower(t[2:])
		s := "DNS-ID " + quoted(n) + " matches one label below " + quoted(parent) + " but never " + quoted(parent) + " itself"
		if v.DNSIDCovers(parent) {
			s += " (" + quoted(parent) + " is also a DNS-ID)"
		} else {
			s += ", and no DNS-ID names " + quoted(parent)
		}
		found = append(found, s)
	}
	if len(found) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Notice, "%s", list(found))
}
