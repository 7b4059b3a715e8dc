package consistency

import (
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

// covers reports whether a presented name (an entry of the certificate in
// refDomain form, or a DNS-ID as written) covers the domain d, which may be
// a wildcard itself: RFC 9525 6.3 for a plain d (a `*.P` name matches one
// label below P only), equality for a wildcard d (the presented name must
// cover every name the wildcard does).
func covers(presented, d string) bool {
	if strings.HasPrefix(d, "*.") {
		return strings.ToLower(strings.TrimSuffix(presented, ".")) == d
	}
	return xmpp.DNSMatch(presented, d)
}

// dnsIDCovers reports whether some DNS-ID covers d.
func dnsIDCovers(v *xmpp.Cert, d string) bool {
	for _, n := range v.DNSNames {
		if covers(n, d) {
			return true
		}
	}
	return false
}

// srvIDCovers reports whether an SRV-ID for service (without `_`, compared
// case-insensitively as RFC 9525 6.5 has it) covers d.
func srvIDCovers(v *xmpp.Cert, service, d string) bool {
	for _, s := range v.SRVNames {
		if !s.Shaped || !strings.EqualFold(s.Service, service) {
			continue
		}
		if p := refDomain(s.Name); p != "" && covers(p, d) {
			return true
		}
	}
	return false
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
// appearance.
type group struct {
	order []string
	by    map[string][]string
}

func (g *group) add(domain, what string) {
	if g.by == nil {
		g.by = map[string][]string{}
	}
	if _, ok := g.by[domain]; !ok {
		g.order = append(g.order, domain)
	}
	g.by[domain] = append(g.by[domain], what)
}

// render writes "example.org (SRV-ID "_xmpp-server.example.org" (IA5String)); ...".
func (g *group) render() string {
	parts := make([]string, 0, len(g.order))
	for _, d := range g.order {
		parts = append(parts, strconv.Quote(d)+" (named by "+strings.Join(g.by[d], ", ")+")")
	}
	return strings.Join(parts, "; ")
}
