package consistency

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// refDomain maps an SRV-ID Name or an XmppAddr domainpart to the lower-case
// A-label form the comparisons use, without a trailing dot. A `*.P` name
// keeps its wildcard label (P is mapped). It returns "" when the name cannot
// be mapped to a DNS name in preferred name syntax (a '*' elsewhere, a NUL,
// a space...); the SRV-ID and XmppAddr lints report those.
func refDomain(name string) string {
	name = strings.TrimSuffix(name, ".")
	prefix := ""
	if rest, ok := strings.CutPrefix(name, "*."); ok {
		prefix, name = "*.", rest
	}
	d := xmpp.Domain(name)
	if d == "" || xmpp.DNSNameProblem(d, false) != "" {
		return ""
	}
	return prefix + d
}

// coverage answers whether some presented name (a DNS-ID as written, or an
// SRV-ID's Name in refDomain form) covers the domain d, which may be a
// wildcard itself: RFC 9525 6.3 for a plain d (a `*.P` name matches one
// label below P only), equality for a wildcard d (the presented name must
// cover every name the wildcard does). The names are indexed once, so a
// lint asking about every domain of a certificate stays linear.
type coverage struct{ ix *xmpp.NameIndex }

func (c coverage) covers(d string) bool {
	if strings.HasPrefix(d, "*.") {
		return c.ix.HasLower(d)
	}
	return c.ix.Match(d)
}

// dnsIDs is the coverage of the certificate's DNS-IDs.
func dnsIDs(v *xmpp.Cert) coverage { return coverage{v.DNSIndex()} }

// srvIDs is the coverage of the SRV-IDs for service (without `_`, compared
// case-insensitively as RFC 9525 6.5 has it).
func srvIDs(v *xmpp.Cert, service string) coverage {
	var names []string
	for _, s := range v.SRVNames {
		if !s.Shaped || !strings.EqualFold(s.Service, service) {
			continue
		}
		if p := refDomain(s.Name); p != "" {
			names = append(names, p)
		}
	}
	return coverage{xmpp.NewNameIndex(names)}
}

// xmppServices are the service labels of XMPP SRV-IDs (RFC 6120 3.2.1,
// XEP-0368 3), without `_`.
var xmppServices = []string{xmpp.ServiceClient, xmpp.ServiceServer, "xmpps-client", "xmpps-server"}

func isXMPPService(s string) bool {
	for _, x := range xmppServices {
		if strings.EqualFold(s, x) {
			return true
		}
	}
	return false
}

// group collects identities by the domain they name, in order of first
// appearance. The identities are rendered only for a finding's details:
// most certificates pass, and the lints' Applies only ask whether a group
// is empty.
type group struct {
	entries []entry
	// first makes the group stop at its first entry: Applies asks only
	// whether there is one, and should not map every name to find out.
	first bool
}

type entry struct {
	domain string
	kind   string       // "SRV-ID", "XmppAddr"
	id     fmt.Stringer // the identity, rendered with its string type
}

func (g *group) add(domain, kind string, id fmt.Stringer) {
	g.entries = append(g.entries, entry{domain: domain, kind: kind, id: id})
}

func (g *group) empty() bool { return len(g.entries) == 0 }

// render writes "example.org (SRV-ID "_xmpp-server.example.org" (IA5String)); ...":
// the first few domains, each with the first few identities naming it, and
// counts of the rest.
func (g *group) render() string {
	type domain struct {
		name   string
		named  []string
		n, pos int
	}
	var domains []*domain
	index := map[string]*domain{}
	for _, e := range g.entries {
		d := index[e.domain]
		if d == nil {
			d = &domain{name: e.domain, pos: len(domains)}
			index[e.domain] = d
			domains = append(domains, d)
		}
		d.n++
		if d.pos < xmpp.FewItems && len(d.named) < xmpp.FewItems {
			d.named = append(d.named, e.kind+" "+e.id.String())
		}
	}
	return xmpp.FewOf(len(domains), "; ", func(i int) string {
		d := domains[i]
		named := strings.Join(d.named, ", ")
		if d.n > len(d.named) {
			named += xmpp.MoreCount(d.n-len(d.named), d.n)
		}
		return strconv.Quote(d.name) + " (named by " + named + ")"
	})
}
