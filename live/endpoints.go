// Package live fetches the certificates a live XMPP server presents: it
// finds a domain's endpoints as RFC 6120 3.2 and XEP-0368 have peers find
// them (SRV records for STARTTLS and for direct TLS, else the domain on the
// default port), connects as a peer would (a stream header, STARTTLS, the
// TLS handshake with the domain as SNI; or TLS from the first byte with
// XEP-0368's ALPN), and returns the chain as presented, unverified: a
// certificate a peer would reject is what a user checking a server wants
// to see. `xmpplint check` lints what it returns.
package live

import (
	"context"
	"errors"
	"fmt"
	"net"
	"sort"
	"strconv"
	"strings"
)

// The services xmpplint checks, named as in their SRV records.
const (
	ServiceServer = "xmpp-server"
	ServiceClient = "xmpp-client"
)

// DefaultPort returns the port the fallback process (RFC 6120 3.2.2)
// connects to: 5222 for clients, 5269 for servers.
func DefaultPort(service string) int {
	if service == ServiceClient {
		return 5222
	}
	return 5269
}

// Endpoint is one place a domain's service is reached.
type Endpoint struct {
	Host string
	Port int
	// DirectTLS is TLS from the first byte (XEP-0368, an _xmpps-* SRV
	// record); otherwise the stream starts in the clear and upgrades with
	// STARTTLS.
	DirectTLS bool
	// Via says how the endpoint was found: "SRV _xmpp-server._tcp.example.org",
	// "fallback (no SRV record)" or "given".
	Via string
}

// Addr is host:port.
func (e Endpoint) Addr() string { return net.JoinHostPort(e.Host, strconv.Itoa(e.Port)) }

// Mode is "direct TLS" or "STARTTLS".
func (e Endpoint) Mode() string {
	if e.DirectTLS {
		return "direct TLS"
	}
	return "STARTTLS"
}

func (e Endpoint) String() string { return fmt.Sprintf("%s (%s, %s)", e.Addr(), e.Mode(), e.Via) }

// Resolver looks up SRV records; *net.Resolver is one.
type Resolver interface {
	LookupSRV(ctx context.Context, service, proto, name string) (string, []*net.SRV, error)
}

// Endpoints returns every endpoint of domain's service, in a stable order:
// the direct-TLS (_xmpps-*) records, then the STARTTLS (_xmpp-*) records,
// each by priority, then weight (highest first), then target. Every one is
// returned, not the one a peer would pick: a checker looks at all of them.
// Without any SRV record it returns the fallback, the domain itself on the
// default port (RFC 6120 3.2.2). A record set that is a lone "." target
// says the service is decidedly not available there (RFC 2782): it yields
// no endpoint and, when nothing else does, a note saying so instead of the
// fallback.
func Endpoints(ctx context.Context, r Resolver, domain, service string) ([]Endpoint, []string, error) {
	if service != ServiceServer && service != ServiceClient {
		return nil, nil, fmt.Errorf("service %q: want %s or %s", service, ServiceServer, ServiceClient)
	}
	domain = strings.TrimSuffix(domain, ".")
	var eps []Endpoint
	var notes []string
	found := false
	for _, set := range []struct {
		service string
		direct  bool
	}{
		{"xmpps-" + strings.TrimPrefix(service, "xmpp-"), true},
		{service, false},
	} {
		_, srvs, err := r.LookupSRV(ctx, set.service, "tcp", domain)
		name := "_" + set.service + "._tcp." + domain
		if err != nil {
			var de *net.DNSError
			switch {
			case errors.As(err, &de) && de.IsNotFound:
				continue
			case len(srvs) == 0:
				return nil, nil, fmt.Errorf("SRV %s: %v", name, err)
			}
			// Go returns the usable records with an error when some are
			// not (a target that is no host name): check those, say so.
			notes = append(notes, fmt.Sprintf("SRV %s: %v", name, err))
		}
		if len(srvs) == 0 {
			continue
		}
		found = true
		if len(srvs) == 1 && (srvs[0].Target == "." || srvs[0].Target == "") {
			notes = append(notes, fmt.Sprintf("SRV %s is \".\": the service is decidedly not available by this method (RFC 2782)", name))
			continue
		}
		sorted := append([]*net.SRV(nil), srvs...)
		sort.SliceStable(sorted, func(i, j int) bool {
			a, b := sorted[i], sorted[j]
			if a.Priority != b.Priority {
				return a.Priority < b.Priority
			}
			if a.Weight != b.Weight {
				return a.Weight > b.Weight
			}
			if a.Target != b.Target {
				return a.Target < b.Target
			}
			return a.Port < b.Port
		})
		for _, s := range sorted {
			if s.Target == "." || s.Target == "" {
				continue
			}
			eps = append(eps, Endpoint{Host: strings.TrimSuffix(s.Target, "."), Port: int(s.Port), DirectTLS: set.direct, Via: "SRV " + name})
		}
	}
	if !found {
		eps = append(eps, Endpoint{Host: domain, Port: DefaultPort(service), Via: "fallback (no SRV record)"})
	}
	return eps, notes, nil
}
