package cnid

import (
	"strconv"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_cn_not_in_san",
			Description: "A domain-like subject CN of a server certificate should also be a DNS-ID: ejabberd takes the union of " +
				"CN and SANs and accepts the CN's name, verifiers that ignore CN (RFC 9525, Prosody >= 13) do not, and the CA/B " +
				"Forum BRs want the CN to copy a SAN value. Domain-like: a DNS name with at least one dot, or a `*.<domain>` " +
				"wildcard, not an IPv4 address. Compared case-insensitively, without a trailing dot and in A-label form; a wildcard " +
				"DNS-ID that covers the CN does not count, since the CN must be one of the DNS-IDs.",
			Citation:      "CABF BR 7.1.4.3; Interop",
			Source:        xmpp.SourceCABF,
			EffectiveDate: xmpp.CABFBR1Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return cnNotInSAN{} },
	})
}

type cnNotInSAN struct{}

func (cnNotInSAN) Applies(v *xmpp.Cert) bool {
	for _, cn := range v.CNs {
		if _, ok := domainLike(cn); ok {
			return true
		}
	}
	return false
}

func (cnNotInSAN) Check(v *xmpp.Cert) *lint.LintResult {
	var bad []string
	for _, cn := range v.CNs {
		name, ok := domainLike(cn)
		if !ok || isDNSID(v, name) {
			continue
		}
		s := "CN " + strconv.Quote(cn)
		if w := coveringWildcard(v, name); w != "" {
			s += " (only covered by the wildcard DNS-ID " + strconv.Quote(w) + ")"
		}
		bad = append(bad, s)
	}
	if len(bad) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "%s is not also a DNS-ID: ejabberd matches the name through the CN, verifiers that ignore CN (RFC 9525, Prosody >= 13) do not, and CABF BR 7.1.4.3 wants the CN to be one of the SAN values",
		joinAnd(bad))
}

// isDNSID reports whether name (lower-case A-label form) is one of the
// DNS-IDs, compared case-insensitively and without a trailing dot: a look-up
// in the certificate's DNS-ID index, so that many CNs against many DNS-IDs
// stay linear.
func isDNSID(v *xmpp.Cert, name string) bool { return v.DNSIndex().HasLower(name) }

// coveringWildcard returns a wildcard DNS-ID that matches name, or "".
func coveringWildcard(v *xmpp.Cert, name string) string {
	if strings.HasPrefix(name, "*.") {
		return ""
	}
	return v.DNSIndex().Wildcard(name)
}
