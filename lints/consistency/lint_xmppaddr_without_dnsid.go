package consistency

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_xmppaddr_without_dnsid",
			Description: "Each domain D of a bare-domain XmppAddr should also be covered by a DNS-ID or an `_xmpp-server` SRV-ID: " +
				"Prosody's s2s authentication never matches XmppAddr (and ejabberd does not match it either), so a domain named " +
				"only by XmppAddr fails s2s certificate authentication. Names are compared in lower-case A-label form; a `*.P` " +
				"DNS-ID covers names one label below P only. Only `_xmpp-server` SRV-IDs count, since s2s verifiers look for " +
				"those. Scope s2s: the failure is in s2s verifiers, and RFC 6120 encourages c2s clients to support XmppAddr.",
			Citation:      "RFC 6120 13.7.1.2.1; Interop",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServer,
		Scope:   xmpp.ScopeS2S,
		New:     func() xmpp.Lint { return xmppAddrWithoutDNSID{} },
	})
}

type xmppAddrWithoutDNSID struct{}

// xmppAddrDomains returns the domains of the bare-domain XmppAddrs that map,
// each with the XmppAddrs naming it.
func xmppAddrDomains(v *xmpp.Cert, keep func(d string) bool, first bool) *group {
	g := &group{first: first}
	xs := v.BareDomainXmppAddrs()
	if !first {
		g.entries = make([]entry, 0, len(xs))
	}
	for i := range xs {
		x := &xs[i]
		d := refDomain(x.JID.Domain)
		if d == "" || (keep != nil && !keep(d)) {
			continue
		}
		g.add(d, "XmppAddr", x)
		if g.first {
			break // Applies: one is enough
		}
	}
	return g
}

func (xmppAddrWithoutDNSID) Applies(v *xmpp.Cert) bool {
	return !xmppAddrDomains(v, nil, true).empty()
}

func (xmppAddrWithoutDNSID) Check(v *xmpp.Cert) *lint.LintResult {
	dns, srv := dnsIDs(v), srvIDs(v, xmpp.ServiceServer)
	g := xmppAddrDomains(v, func(d string) bool { return !dns.covers(d) && !srv.covers(d) }, false)
	if g.empty() {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "no DNS-ID or _xmpp-server SRV-ID covers %s: Prosody's s2s authentication never matches XmppAddr and ejabberd does not match it either, so both reject the certificate for that domain on s2s", g.render())
}
