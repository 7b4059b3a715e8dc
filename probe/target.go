package probe

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/xmpplint/xmpplint/lints/xmpp"
	"github.com/xmpplint/xmpplint/live"
)

// Target is a parsed probe target.
type Target struct {
	// Domain is the XMPP domain as given (the lints take it so); ASCII is
	// its A-label form, for DNS, the stream's to and SNI.
	Domain, ASCII string
	// Given is the endpoint of an xmpp://host:port/domain target; nil for
	// xmpp:domain, whose endpoints come from DNS.
	Given *live.Endpoint
}

// maxTarget bounds a target's length: a domain is at most 253 bytes.
const maxTarget = 1024

// ParseTarget parses a target as the XMPP blackbox exporter writes them:
// xmpp:domain (the domain's SRV records, else the fallback) or
// xmpp://host:port/domain (that endpoint, the domain as identity and SNI;
// the port defaults to the service's). A c2s target may carry a localpart
// (xmpp:user@domain), which is ignored.
func ParseTarget(s string, p *Prober, directTLS bool) (Target, error) {
	if len(s) > maxTarget {
		return Target{}, fmt.Errorf("longer than %d bytes", maxTarget)
	}
	u, err := url.Parse(s)
	if err != nil {
		return Target{}, errors.New("not a URL: want xmpp:DOMAIN or xmpp://HOST:PORT/DOMAIN")
	}
	if !strings.EqualFold(u.Scheme, "xmpp") {
		return Target{}, errors.New("want xmpp:DOMAIN or xmpp://HOST:PORT/DOMAIN")
	}
	if u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return Target{}, errors.New("a target has no query, fragment or user information")
	}
	var t Target
	var addr string
	if u.Opaque != "" {
		if addr, err = url.PathUnescape(u.Opaque); err != nil {
			return Target{}, err
		}
	} else {
		if u.Host == "" {
			return Target{}, errors.New("want xmpp:DOMAIN or xmpp://HOST:PORT/DOMAIN")
		}
		addr = strings.TrimPrefix(u.Path, "/")
		port := live.DefaultPort(p.Service)
		if ps := u.Port(); ps != "" {
			n, err := strconv.Atoi(ps)
			if err != nil || n < 1 || n > 65535 {
				return Target{}, fmt.Errorf("port %q: want 1 to 65535", ps)
			}
			port = n
		}
		host := u.Hostname()
		if host == "" {
			return Target{}, errors.New("no host before the port")
		}
		t.Given = &live.Endpoint{Host: host, Port: port, DirectTLS: directTLS, Via: "given"}
	}
	if local, rest, ok := strings.Cut(addr, "@"); ok {
		if !p.Localpart {
			return Target{}, fmt.Errorf("the %s prober takes a domain, not the JID of a user (%q)", p.Name, local+"@")
		}
		addr = rest
	}
	if strings.Contains(addr, "/") {
		return Target{}, errors.New("a target names a domain, without a resource")
	}
	t.Domain = strings.TrimSuffix(addr, ".")
	if t.ASCII, err = targetDomain(t.Domain); err != nil {
		return Target{}, err
	}
	return t, nil
}

// targetDomain checks that s is a domain name and returns its A-label form.
func targetDomain(s string) (string, error) {
	if s == "" {
		return "", errors.New("no domain")
	}
	a, err := xmpp.ToASCII(strings.TrimSuffix(s, "."))
	if err == nil {
		if p := xmpp.DNSNameProblem(a, false); p != "" {
			err = errors.New(p)
		}
	}
	if err != nil {
		return "", fmt.Errorf("%q is not a domain name: %v", s, err)
	}
	return a, nil
}
