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
	srv, reg := serveProbe(t, dns.port(), p, caFile, legacyModules)

	// The built-in modules (s2s_normal, c2s_normal_auth): a good
	// certificate works, one for another domain does not; serverAuth-only
	// is fine by default.
	got := prosodyctlConnectivity(ctx, t, ctl, p.prosody, fmt.Sprintf("%q", srv.URL+"/probe"))
	want := map[string]string{
		monGood + " xmpp-server": "Works", monWrongID + " xmpp-server": "failed", monLegacy + " xmpp-server": "Works",
		monGood + " xmpp-client": "Works", monWrongID + " xmpp-client": "failed", monLegacy + " xmpp-client": "Works",
	}
	compareConnectivity(t, srv, got, want, map[string]string{"xmpp-server": "s2s_normal", "xmpp-client": "c2s_normal_auth"})

	// A module requiring ejabberd < 25.07 to accept: the serverAuth-only
	// certificate fails it on s2s (ejabberd < 25.07 wants clientAuth of an
	// initiating server).
	modules := map[string]string{"xmpp-server": "s2s_ejabberd_legacy", "xmpp-client": "c2s_normal_auth"}
	setting := fmt.Sprintf(`{ url = %q; modules = { ["xmpp-server"] = %q; ["xmpp-client"] = %q } }`, srv.URL+"/probe", modules["xmpp-server"], modules["xmpp-client"])
	got = prosodyctlConnectivity(ctx, t, ctl, p.prosody, setting)
	want[monLegacy+" xmpp-server"] = "failed"
	compareConnectivity(t, srv, got, want, modules)

	// The answers came from the handler, not from anywhere else.
	for m, n := range map[string]float64{"s2s_normal": 3, "c2s_normal_auth": 6, "s2s_ejabberd_legacy": 3} {
		if got := counterSum(t, reg, "xmpplint_probes_total", map[string]string{"module": m}); got != n {
			t.Errorf("%s: %v probes counted, want %v", m, got, n)
		}
	}
}

var connectivityLine = regexp.MustCompile(`^\s+(xmpps?-(?:server|client)): (.*)$`)

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
			key := host + " " + m[1]
			switch {
			case m[2] == "Works":
				got[key] = "Works"
			case strings.Contains(m[2], "Check service failed to establish (secure) connection"):
				got[key] = "failed"
			default:
				got[key] = m[2]
			}
		}
	}
	return got
}

// compareConnectivity compares prosodyctl's answers with want; modules
// maps each service to the module Prosody asked for it.
func compareConnectivity(t *testing.T, srv *httptest.Server, got, want, modules map[string]string) {
	t.Helper()
	for key, w := range want {
		if got[key] != w {
			host, service, _ := strings.Cut(key, " ")
			t.Errorf("%s, %s: prosodyctl says %q, want %q; the probe says:\n%s", key, modules[service], got[key], w, debugProbe(srv, modules[service], "xmpp:"+host))
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
