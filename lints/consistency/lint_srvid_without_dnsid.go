package consistency

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_srvid_without_dnsid",
			Description: "Each domain D named by an XMPP SRV-ID (`_xmpp-client.D`, `_xmpp-server.D`, `_xmpps-*.D`) should also " +
				"be covered by a DNS-ID: RFC 6120 13.7.1.2.1 asks service providers for DNS-IDs, and ejabberd has no SRV-ID support, " +
				"so it rejects such a peer on s2s (\"Certificate host name mismatch\"). Names are compared in lower-case A-label form; " +
				"a `*.P` DNS-ID covers names one label below P only. Scope s2s: the failure is in s2s verifiers, and RFC 6120 requires " +
				"c2s clients to support SRV-ID.",
			Citation:      "RFC 6120 13.7.1.2.1; Interop",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		Scope:   xmpp.ScopeS2S,
		New:     func() xmpp.Lint { return srvIDWithoutDNSID{} },
	})
}

type srvIDWithoutDNSID struct{}

// xmppSRVDomains returns the domains named by XMPP SRV-IDs that map, each
// with the SRV-IDs naming it.
func xmppSRVDomains(v *xmpp.Cert, keep func(d string) bool, first bool) *group {
	g := &group{first: first}
	if !first {
		g.entries = make([]entry, 0, len(v.SRVNames))
	}
	for i := range v.SRVNames {
		s := &v.SRVNames[i]
		if !s.Shaped || !isXMPPService(s.Service) {
			continue
		}
		d := refDomain(s.Name)
		if d == "" || (keep != nil && !keep(d)) {
			continue
		}
		g.add(d, "SRV-ID", s)
		if g.first {
			break // Applies: one is enough
		}
	}
	return g
}

func (srvIDWithoutDNSID) Applies(v *xmpp.Cert) bool {
	return !xmppSRVDomains(v, nil, true).empty()
}

func (srvIDWithoutDNSID) Check(v *xmpp.Cert) *lint.LintResult {
	dns := dnsIDs(v)
	g := xmppSRVDomains(v, func(d string) bool { return !dns.covers(d) }, false)
	if g.empty() {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "no DNS-ID covers %s: ejabberd has no SRV-ID support and rejects the certificate for that domain on s2s (\"Certificate host name mismatch\")", g.render())
}
