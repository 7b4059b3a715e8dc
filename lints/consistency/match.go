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
// appearance. The identities are rendered only for a finding's details:
// most certificates pass, and the lints' Applies only ask whether a group
// is empty.
type group struct {
	entries []entry
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

// render writes "example.org (SRV-ID "_xmpp-server.example.org" (IA5String)); ...".
func (g *group) render() string {
	var parts []string
	done := make([]bool, len(g.entries))
	for i, e := range g.entries {
		if done[i] {
			continue
		}
		var named []string
		for j := i; j < len(g.entries); j++ {
			if !done[j] && g.entries[j].domain == e.domain {
				done[j] = true
				named = append(named, g.entries[j].kind+" "+g.entries[j].id.String())
			}
		}
		parts = append(parts, strconv.Quote(e.domain)+" (named by "+strings.Join(named, ", ")+")")
	}
	return strings.Join(parts, "; ")
}
