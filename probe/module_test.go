package probe

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/xmpplint/xmpplint/internal/livetest"
)

// failingResolver fails every look-up as a broken DNS server would.
type failingResolver struct{}

func (failingResolver) LookupSRV(context.Context, string, string, string) (string, []*net.SRV, error) {
	return "", nil, &net.DNSError{Err: "server misbehaving", Name: "x", IsTemporary: true, Server: "127.0.0.53:53"}
}

// TestProbeDNS: a look-up that fails, and a "." record saying the service
// is not offered, each fail the probe with a reason for the target as a
// whole.
func TestProbeDNS(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	h := newHandler(t, pki.CAFile(t), "", nil, Options{Resolver: failingResolver{}})
	r := doProbe(t, h, "s2s_normal", "xmpp:"+domain, nil)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_failed", "endpoint", "", "reason", "dns")

	res := srvResolver{"_xmpp-server._tcp." + domain: {{Target: "."}}}
	h = newHandler(t, pki.CAFile(t), "", nil, Options{Resolver: res})
	r = doProbe(t, h, "s2s_normal", "xmpp:"+domain, nil)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_failed", "reason", "no_endpoint")

	// Without any record, the fallback: the domain on 5269 (the dialer
	// refuses, so that nothing leaves the machine).
	d := &refusingDialer{}
	h = newHandler(t, pki.CAFile(t), "", nil, Options{Resolver: srvResolver{}, Dialer: d})
	r = doProbe(t, h, "s2s_normal", "xmpp:"+domain, nil)
	r.want(t, 1, "probe_xmpplint_endpoints")
	r.want(t, 0, "probe_xmpplint_endpoint_success", "endpoint", domain+":5269")
	r.want(t, 1, "probe_xmpplint_failed", "endpoint", domain+":5269", "reason", "connect")
	if d.addrs() != domain+":5269" {
		t.Errorf("dialled %q, want %s:5269", d.addrs(), domain)
	}
}

// refusingDialer records the addresses asked for and refuses them all.
type refusingDialer struct {
	mu    sync.Mutex
	asked []string
}

func (d *refusingDialer) DialContext(_ context.Context, network, addr string) (net.Conn, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.asked = append(d.asked, addr)
	return nil, &net.OpError{Op: "dial", Net: network, Err: errors.New("connection refused (by the test)")}
}

func (d *refusingDialer) addrs() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return strings.Join(d.asked, ",")
}

// TestModuleJudgement: a module's trust, fail_on and require_accept
// decide what fails.
func TestModuleJudgement(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	other := livetest.NewPKI(t, "ca.test", both...) // a CA that signed nothing presented
	port := livetest.Serve(t, livetest.STARTTLS(pki, nil))
	modules := `modules:
  no_trust:
    prober: s2s
    trust: none
  pedantic:
    prober: s2s
    fail_on: info
  lenient:
    prober: s2s
    fail_on: never
    require_accept: ["prosody-13:s2s-in", "ejabberd-legacy:s2s-out"]
`
	h := newHandler(t, other.CAFile(t), modules, nil, Options{})
	ep := fmt.Sprintf("127.0.0.1:%d", port)

	// The built-in module trusts other's CA only: untrusted.
	r := doProbe(t, h, "s2s_normal", given(port), nil)
	r.want(t, 0, "probe_success")
	r.want(t, 0, "probe_xmpplint_chain_trusted", "endpoint", ep)

	// trust: none judges no chain.
	r = doProbe(t, h, "no_trust", given(port), nil)
	r.want(t, 1, "probe_success")
	if _, ok := r.families["probe_xmpplint_chain_trusted"]; ok {
		t.Errorf("chain trust judged under trust: none")
	}

	// fail_on: info fails on n_xmpp_cn_present (the leaf has a CN); and
	// on the untrusted chain.
	r = doProbe(t, h, "pedantic", given(port), nil)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_failed", "reason", "findings")
	r.want(t, 1, "probe_xmpplint_findings", "lint", "n_xmpp_cn_present", "severity", "info")

	// fail_on: never with accepted requirements fails only on trust.
	r = doProbe(t, h, "lenient", given(port), nil)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_failed", "reason", "untrusted")
	if _, ok := r.value("probe_xmpplint_failed", "reason", "verdict"); ok {
		t.Errorf("accepted verdicts reported as failing:\n%s", r.body)
	}
}
