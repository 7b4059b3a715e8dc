//go:build linux

package integration

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// TestProbeProsodyctl runs Prosody's own connectivity check, `prosodyctl
// check connectivity`, with connectivity_probe pointing at the /probe
// handler. Prosody asks it, for each of its hosts with s2s,
// GET <url>?module=s2s_normal&target=xmpp:<host> and reads the first
// probe_success line (util/prosodyctl/check.lua, Prosody 0.12 and 13).
func TestProbeProsodyctl(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a real Prosody; skipped under -short")
	}
	tools := requireTools(t, "prosody", "prosodyctl")
	ctl := tools[1]
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	dns, p, caFile := monitoredProsody(ctx, t)
	srv, reg := serveProbe(t, dns.port(), caFile, legacyModules)

	// The built-in modules (s2s_normal): a good certificate works, one for
	// another domain does not; serverAuth-only is fine by default.
	got := prosodyctlConnectivity(ctx, t, ctl, p, fmt.Sprintf("%q", srv.URL+"/probe"))
	want := map[string]string{monGood: "Works", monWrongID: "failed", monLegacy: "Works"}
	compareConnectivity(t, srv, "s2s_normal", got, want)

	// A module requiring ejabberd < 25.07 to accept: the serverAuth-only
	// certificate fails it.
	setting := fmt.Sprintf(`{ url = %q; modules = { ["xmpp-server"] = "s2s_ejabberd_legacy" } }`, srv.URL+"/probe")
	got = prosodyctlConnectivity(ctx, t, ctl, p, setting)
	want = map[string]string{monGood: "Works", monWrongID: "failed", monLegacy: "failed"}
	compareConnectivity(t, srv, "s2s_ejabberd_legacy", got, want)

	// The answers came from the handler, not from anywhere else.
	for _, m := range []string{"s2s_normal", "s2s_ejabberd_legacy"} {
		n := counterSum(t, reg, "xmpplint_probes_total", map[string]string{"module": m})
		if n != 3 {
			t.Errorf("%s: %v probes counted, want 3", m, n)
		}
	}
}

var connectivityLine = regexp.MustCompile(`^\s+xmpp-server: (.*)$`)

// prosodyctlConnectivity runs prosodyctl check connectivity with the
// connectivity_probe setting given (Lua), and returns, per host, what it
// said of xmpp-server: "Works", "failed" (the check service could not
// establish a secure connection) or the line itself.
func prosodyctlConnectivity(ctx context.Context, t *testing.T, ctl string, p *prosody, setting string) map[string]string {
	t.Helper()
	base, err := os.ReadFile(p.config)
	if err != nil {
		t.Fatal(err)
	}
	// A global option: before the first VirtualHost section.
	text := strings.Replace(string(base), "\nVirtualHost ", "\nconnectivity_probe = "+setting+"\n\nVirtualHost ", 1)
	config := filepath.Join(p.dir, "prosodyctl-connectivity.cfg.lua")
	if err := os.WriteFile(config, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	cctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(cctx, ctl, "--config", config, "check", "connectivity")
	cmd.Dir = p.dir
	out, err := cmd.CombinedOutput()
	t.Logf("prosodyctl check connectivity (connectivity_probe = %s): %v\n%s", setting, err, out)
	got := map[string]string{}
	host := ""
	for _, line := range strings.Split(string(out), "\n") {
		if rest, ok := strings.CutPrefix(line, "Checking external connectivity for "); ok {
			host, _, _ = strings.Cut(rest, " ")
			continue
		}
		if m := connectivityLine.FindStringSubmatch(line); m != nil && host != "" {
			switch {
			case m[1] == "Works":
				got[host] = "Works"
			case strings.Contains(m[1], "Check service failed to establish (secure) connection"):
				got[host] = "failed"
			default:
				got[host] = m[1]
			}
		}
	}
	return got
}

func compareConnectivity(t *testing.T, srv *httptest.Server, module string, got, want map[string]string) {
	t.Helper()
	for host, w := range want {
		if got[host] != w {
			t.Errorf("%s, %s: prosodyctl says %q, want %q; the probe says:\n%s", module, host, got[host], w, debugProbe(srv, module, "xmpp:"+host))
		}
	}
}

// counterSum adds up the counters of a family whose labels include those
// given.
func counterSum(t *testing.T, reg *prometheus.Registry, name string, labels map[string]string) float64 {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.Metric {
			match := 0
			for _, lp := range m.Label {
				if v, ok := labels[lp.GetName()]; ok && v == lp.GetValue() {
					match++
				}
			}
			if match == len(labels) {
				sum += m.GetCounter().GetValue()
			}
		}
	}
	return sum
}
