//go:build linux

package integration

import (
	"context"
	"encoding/asn1"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/citest"
	"github.com/xmpplint/xmpplint/probe"
	"github.com/xmpplint/xmpplint/server"
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
		citest.Missing(t, "%s not installed; %s", strings.Join(missing, ", "), monitoringHint)
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
// monitored domains, with s2s and c2s; it returns them with the CA file
// their certificates chain to.
func monitoredProsody(ctx context.Context, t *testing.T) (*dnsServer, *c2sProsody, string) {
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
	p, err := startProsodyC2S(ctx, t, filepath.Join(dir, "prosody"), dns.port(), caFile, hosts)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hosts {
		dns.add(h.Domain, p.s2sPort)
	}
	return dns, p, caFile
}

// c2sProsody is a Prosody that also serves c2s, on c2sPort.
type c2sProsody struct {
	*prosody
	c2sPort int
}

// startProsodyC2S starts Prosody with the federation test's configuration
// (prosodyConfig) and c2s enabled on a port of its own.
func startProsodyC2S(ctx context.Context, tb testing.TB, dir string, dnsPort int, caFile string, hosts []vhost) (*c2sProsody, error) {
	bin, ok := lookPath("prosody")
	ctl, ok2 := lookPath("prosodyctl")
	if !ok || !ok2 {
		return nil, fmt.Errorf("prosody or prosodyctl not found")
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, err
	}
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	p := &c2sProsody{prosody: &prosody{name: "prosody", dir: dir, config: filepath.Join(dir, "prosody.cfg.lua"),
		log: filepath.Join(dir, "prosody.log"), s2sPort: ports[0], ctl: ctl}, c2sPort: ports[1]}
	config := prosodyConfig(installed{}, dir, p.s2sPort, dnsPort, caFile, hosts)
	for old, new := range map[string]string{
		"c2s_ports = { }": fmt.Sprintf("c2s_ports = { %d }", p.c2sPort),
		"\"c2s\", ":       "",
	} {
		if !strings.Contains(config, old) {
			return nil, fmt.Errorf("prosodyConfig no longer writes %q", old)
		}
		config = strings.Replace(config, old, new, 1)
	}
	if err := os.WriteFile(p.config, []byte(config), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "-F", "--config", p.config)
	cmd.Dir = dir
	if p.proc, err = startProc(tb, p.name, cmd, filepath.Join(dir, "prosody.stdout")); err != nil {
		return nil, err
	}
	for _, port := range ports {
		if err := waitPort(ctx, p.proc, port); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// c2sResolver answers _xmpp-client SRV look-ups for the hosts of a
// c2sProsody (the test's DNS server knows s2s only), and passes the others
// to the DNS server.
type c2sResolver struct {
	dns     srvResolver
	c2sPort int
}

func (r c2sResolver) LookupSRV(ctx context.Context, service, proto, name string) (string, []*net.SRV, error) {
	if service == "xmpp-client" && proto == "tcp" {
		switch name {
		case monGood, monWrongID, monLegacy:
			return "_xmpp-client._tcp." + name + ".", []*net.SRV{{Target: "127.0.0.1.", Port: uint16(r.c2sPort)}}, nil
		}
	}
	return r.dns.LookupSRV(ctx, service, proto, name)
}

// serveProbe serves the probe handler on loopback, as `xmpplint serve`
// mounts it (with the process metrics on /metrics of the same server), resolving through the test's DNS server and trusting only
// caFile; modules is a module file's text (YAML), or empty.
func serveProbe(t *testing.T, dnsPort int, p *c2sProsody, caFile, modules string) (*httptest.Server, *prometheus.Registry) {
	t.Helper()
	o := probe.Options{CAFiles: []string{caFile}, NoSystemRoots: true, Resolver: c2sResolver{srvResolver(dnsPort), p.c2sPort}}
	if modules != "" {
		o.ConfigFile = filepath.Join(t.TempDir(), "modules.yaml")
		if err := os.WriteFile(o.ConfigFile, []byte(modules), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The routers of `xmpplint serve` (package server, with the probe
	// mounted as cmd/xmpplint's serve command mounts it), on one test
	// server: /probe from the public one, /metrics from the monitor's.
	reg := prometheus.NewRegistry()
	s, err := server.New(server.Options{}, reg, reg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	err = s.Mount(server.Mount{Pattern: "GET /probe", New: func(r prometheus.Registerer, l *slog.Logger) (http.Handler, error) {
		return probe.New(o, r, l)
	}})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", s.MonitorHandler())
	mux.Handle("/", s.Handler())
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

// lookPath finds a program of the machine's own installation (Debian 12's
// packages, not a chroot's).
func lookPath(names ...string) (string, bool) { return installed{}.lookPath(names...) }
