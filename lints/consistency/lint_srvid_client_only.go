package consistency

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "n_xmpp_srvid_client_only",
			Description: "A domain D named by an `_xmpp-client.D` SRV-ID with neither an `_xmpp-server` SRV-ID nor a DNS-ID " +
				"covering D: an SRV-ID matches only its own service, so the certificate serves D for c2s only and s2s peers " +
				"do not accept it for D. Scope s2s: NA when the certificate is declared c2s-only.",
			Citation: "RFC 9525 6.5",
			Source:   xmpp.SourceRFC,
			// RFC 6120 13.7.1.2.1 set the per-service SRV-IDs of XMPP; RFC 9525
			// restates the service match of RFC 6125.
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		Scope:   xmpp.ScopeS2S,
		New:     func() xmpp.Lint { return srvIDClientOnly{} },
	})
}

type srvIDClientOnly struct{}

func clientSRVDomains(v *xmpp.Cert, keep func(d string) bool, first bool) *group {
	g := &group{first: first}
	if !first {
		g.entries = make([]entry, 0, len(v.SRVNames))
	}
	for i := range v.SRVNames {
		s := &v.SRVNames[i]
		if !s.Shaped || !strings.EqualFold(s.Service, xmpp.ServiceClient) {
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

func (srvIDClientOnly) Applies(v *xmpp.Cert) bool {
	return !clientSRVDomains(v, nil, true).empty()
}

func (srvIDClientOnly) Check(v *xmpp.Cert) *lint.LintResult {
	dns, srv := dnsIDs(v), srvIDs(v, xmpp.ServiceServer)
	g := clientSRVDomains(v, func(d string) bool { return !dns.covers(d) && !srv.covers(d) }, false)
	if g.empty() {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Notice, "no _xmpp-server SRV-ID or DNS-ID covers %s: the certificate serves that domain for c2s only, and s2s peers do not accept it", g.render())
}
