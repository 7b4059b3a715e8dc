//go:build linux

package integration

import (
	"context"
	"encoding/asn1"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/probe"
)

// The monitoring tests run real clients of the /probe handler (package
// probe) against a real Prosody: prosodyctl check connectivity, and
// Prometheus scraping through the blackbox exporter's relabelling.

const monitoringHint = "run scripts/xmpp-servers and scripts/monitoring-tools (apt-get install prosody prometheus)"

// requireTools returns the paths of the programs named, or ends the test:
// a failure under CI=true (CI installs them), a skip elsewhere.
func requireTools(t *testing.T, names ...string) []string {
	t.Helper()
	var paths, missing []string
	for _, n := range names {
		p, ok := lookPath(n)
		if !ok {
			missing = append(missing, n)
		}
		paths = append(paths, p)
	}
	if len(missing) > 0 {
		msg := fmt.Sprintf("%s not installed; %s", strings.Join(missing, ", "), monitoringHint)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return paths
}

// The monitored domains, all hosted by one Prosody: good presents a
// certificate every verifier model accepts; wrongid one for another
// domain; legacy one with only serverAuth, which ejabberd < 25.07 rejects
// from an initiating server (rules.md K).
const (
	monGood    = "good.example"
	monWrongID = "wrongid.example"
	monLegacy  = "legacy.example"
)

// legacyModules is a module file with a module that requires ejabberd <
// 25.07 to accept the certificate.
const legacyModules = `modules:
  s2s_ejabberd_legacy:
    prober: s2s
    require_accept: [ejabberd-legacy]
`

// monitoredProsody starts the DNS server and a Prosody hosting the three
// monitored domains; it returns them with the CA file their certificates
// chain to.
func monitoredProsody(ctx context.Context, t *testing.T) (*dnsServer, *prosody, string) {
	t.Helper()
	// Prosody resolves nothing here (the handler does, through the test's
	// DNS server), so lua-unbound is not needed.
	dir := t.TempDir()
	ca, err := newCA(algECDSA)
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(caFile, ca.pem, 0o644); err != nil {
		t.Fatal(err)
	}
	specs := map[string]leafSpec{
		monGood:    {SANs: baseSANs(monGood), EKU: ekuBoth},
		monWrongID: {SANs: baseSANs("other.example"), EKU: ekuBoth},
		monLegacy:  {SANs: baseSANs(monLegacy), EKU: []asn1.ObjectIdentifier{corpus.OIDEKUServerAuth}},
	}
	var hosts []vhost
	for _, d := range []string{monGood, monWrongID, monLegacy} {
		l, err := ca.issue(specs[d])
		if err != nil {
			t.Fatal(err)
		}
		crt, key, combined, err := l.write(dir, d)
		if err != nil {
			t.Fatal(err)
		}
		hosts = append(hosts, vhost{Domain: d, Cert: crt, Key: key, Combined: combined})
	}
	dns, err := startDNS()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(dns.close)
	p, err := startProsody(ctx, t, "prosody", filepath.Join(dir, "prosody"), dns.port(), caFile, hosts)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hosts {
		dns.add(h.Domain, p.s2sPort)
	}
	return dns, p, caFile
}

// serveProbe serves the probe handler on loopback, as `xmpplint serve`
// mounts it (with the process metrics on /metrics of the same server), resolving through the test's DNS server and trusting only
// caFile; modules is a module file's text (YAML), or empty.
func serveProbe(t *testing.T, dnsPort int, caFile, modules string) (*httptest.Server, *prometheus.Registry) {
	t.Helper()
	o := probe.Options{CAFiles: []string{caFile}, NoSystemRoots: true, Resolver: srvResolver(dnsPort)}
	if modules != "" {
		o.ConfigFile = filepath.Join(t.TempDir(), "modules.yaml")
		if err := os.WriteFile(o.ConfigFile, []byte(modules), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reg := prometheus.NewRegistry()
	h, err := probe.New(o, reg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/probe", h)
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, reg
}

// debugProbe returns the handler's debug answer for a target, for test
// failure messages.
func debugProbe(srv *httptest.Server, module, target string) string {
	resp, err := http.Get(srv.URL + "/probe?debug=true&module=" + module + "&target=" + target)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return string(b)
}
