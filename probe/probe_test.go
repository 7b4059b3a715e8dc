package probe

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/xmpplint/xmpplint/internal/livetest"
)

const domain = "example.test"

// both is a leaf every verifier model accepts for s2s: serverAuth and
// clientAuth.
var both = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth}

// srvResolver answers SRV look-ups from a table keyed by
// "_service._tcp.domain"; anything else is not found.
type srvResolver map[string][]*net.SRV

func (r srvResolver) LookupSRV(_ context.Context, service, proto, name string) (string, []*net.SRV, error) {
	q := "_" + service + "._" + proto + "." + name
	if srvs, ok := r[q]; ok {
		return q, srvs, nil
	}
	return "", nil, &net.DNSError{Err: "no such host", Name: q, IsNotFound: true}
}

// newHandler builds a handler whose modules trust caFile (no system
// roots), with the module file text (YAML) when not empty.
func newHandler(t testing.TB, caFile, modules string, reg prometheus.Registerer, o Options) *Handler {
	t.Helper()
	o.CAFiles = []string{caFile}
	o.NoSystemRoots = true
	if modules != "" {
		o.ConfigFile = filepath.Join(t.TempDir(), "modules.yaml")
		if err := os.WriteFile(o.ConfigFile, []byte(modules), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h, err := New(o, reg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// probeResult is a probe's answer, parsed.
type probeResult struct {
	status   int
	body     string
	families map[string]*dto.MetricFamily
	elapsed  time.Duration
}

func doProbe(t testing.TB, h http.Handler, module, target string, header http.Header) probeResult {
	t.Helper()
	q := url.Values{"module": {module}, "target": {target}}
	req := httptest.NewRequest(http.MethodGet, "/probe?"+q.Encode(), nil)
	for k, v := range header {
		req.Header[k] = v
	}
	rec := httptest.NewRecorder()
	start := time.Now()
	h.ServeHTTP(rec, req)
	res := probeResult{status: rec.Code, body: rec.Body.String(), elapsed: time.Since(start)}
	if rec.Code == http.StatusOK {
		p := expfmt.NewTextParser(model.UTF8Validation)
		fams, err := p.TextToMetricFamilies(strings.NewReader(res.body))
		if err != nil {
			t.Fatalf("answer is not Prometheus text: %v\n%s", err, res.body)
		}
		res.families = fams
	}
	return res
}

// value returns the gauge value of the series of name with the labels
// given (a subset), and whether there is exactly one.
func (r probeResult) value(name string, labels ...string) (float64, bool) {
	mf, ok := r.families[name]
	if !ok {
		return 0, false
	}
	var found []float64
	for _, m := range mf.Metric {
		match := true
		for i := 0; i+1 < len(labels); i += 2 {
			has := false
			for _, lp := range m.Label {
				if lp.GetName() == labels[i] && lp.GetValue() == labels[i+1] {
					has = true
				}
			}
			match = match && has
		}
		if match {
			found = append(found, m.GetGauge().GetValue())
		}
	}
	if len(found) != 1 {
		return 0, false
	}
	return found[0], true
}

func (r probeResult) want(t testing.TB, want float64, name string, labels ...string) {
	t.Helper()
	got, ok := r.value(name, labels...)
	if !ok {
		t.Errorf("%s%v: no single series\n%s", name, labels, r.body)
		return
	}
	if got != want {
		t.Errorf("%s%v = %v, want %v", name, labels, got, want)
	}
}

func given(port int) string { return fmt.Sprintf("xmpp://127.0.0.1:%d/%s", port, domain) }

// TestProbeGood: a server presenting a good certificate for the domain,
// chained to the trusted CA, passes, and the metrics say every part of
// why.
func TestProbeGood(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	port := livetest.Serve(t, livetest.STARTTLS(pki, nil))
	reg := prometheus.NewRegistry()
	h := newHandler(t, pki.CAFile(t), "", reg, Options{})
	r := doProbe(t, h, "s2s_normal", given(port), nil)
	if r.status != 200 {
		t.Fatalf("status %d: %s", r.status, r.body)
	}
	ep := fmt.Sprintf("127.0.0.1:%d", port)
	r.want(t, 1, "probe_success")
	r.want(t, 1, "probe_xmpplint_endpoint_success", "endpoint", ep, "mode", "starttls")
	r.want(t, 1, "probe_xmpplint_chain_trusted", "endpoint", ep)
	r.want(t, 1, "probe_xmpplint_identity_match", "endpoint", ep, "service", "xmpp-server")
	r.want(t, 1, "probe_tls_version_info", "version", "TLS 1.3")
	r.want(t, 1, "probe_xmpplint_endpoints")
	for _, model := range []string{"prosody-0.12", "prosody-13", "ejabberd-legacy", "ejabberd", "openssl-default"} {
		for _, dir := range []string{"s2s-in", "s2s-out"} {
			r.want(t, 1, "probe_xmpplint_verdict", "endpoint", ep, "model", model, "direction", dir)
		}
		if _, ok := r.value("probe_xmpplint_verdict", "model", model, "direction", "c2s"); ok {
			t.Errorf("%s: a c2s verdict on an s2s probe", model)
		}
	}
	leaf, _ := x509.ParseCertificate(pki.Chain[0])
	r.want(t, float64(leaf.NotAfter.Unix()), "probe_ssl_earliest_cert_expiry")
	r.want(t, 1, "probe_xmpplint_cert_info", "endpoint", ep, "position", "0", "serialnumber", "2", "subject", "CN="+domain, "issuer", "CN=Test XMPP CA")
	r.want(t, 1, "probe_xmpplint_cert_info", "endpoint", ep, "position", "1", "serialnumber", "1")
	days, ok := r.value("probe_xmpplint_cert_expiry_days", "endpoint", ep, "position", "0")
	if !ok || days < 0.9 || days > 1.01 {
		t.Errorf("leaf expiry days = %v, %v; want about 1", days, ok)
	}
	if _, ok := r.families["probe_xmpplint_failed"]; ok {
		t.Errorf("failure reasons on a good probe:\n%s", r.body)
	}
	if d, _ := r.value("probe_duration_seconds"); d <= 0 || d > 5 {
		t.Errorf("probe_duration_seconds = %v", d)
	}
	if got := testutil.ToFloat64(h.pm.probes.WithLabelValues("s2s_normal", "success")); got != 1 {
		t.Errorf("xmpplint_probes_total{success} = %v", got)
	}
	if n, err := testutil.GatherAndCount(reg, "xmpplint_probe_duration_seconds"); err != nil || n != 1 {
		t.Errorf("duration histogram: %d series, %v", n, err)
	}
}

// TestProbeSRV: an xmpp:domain target probes every endpoint of the
// module's mode, one label each; one bad endpoint fails the probe.
func TestProbeSRV(t *testing.T) {
	t.Parallel()
	good := livetest.NewPKI(t, domain, both...)
	p1 := livetest.Serve(t, livetest.STARTTLS(good, nil))
	p2 := livetest.Serve(t, livetest.STARTTLS(good, nil))
	p3 := livetest.Serve(t, livetest.DirectTLS(good, []string{"xmpp-server"}, nil))
	res := srvResolver{
		"_xmpp-server._tcp." + domain:  {{Target: "127.0.0.1.", Port: uint16(p1), Priority: 1}, {Target: "127.0.0.1.", Port: uint16(p2), Priority: 2}},
		"_xmpps-server._tcp." + domain: {{Target: "127.0.0.1.", Port: uint16(p3)}},
	}
	h := newHandler(t, good.CAFile(t), "", nil, Options{Resolver: res})
	r := doProbe(t, h, "s2s_normal", "xmpp:"+domain, nil)
	r.want(t, 1, "probe_success")
	r.want(t, 2, "probe_xmpplint_endpoints")
	for _, p := range []int{p1, p2} {
		r.want(t, 1, "probe_xmpplint_endpoint_success", "endpoint", fmt.Sprintf("127.0.0.1:%d", p))
	}
	r = doProbe(t, h, "s2s_direct", "xmpp:"+domain, nil)
	r.want(t, 1, "probe_success")
	r.want(t, 1, "probe_xmpplint_endpoint_success", "endpoint", fmt.Sprintf("127.0.0.1:%d", p3), "mode", "direct_tls")
	if _, ok := r.value("probe_xmpplint_endpoint_success", "endpoint", fmt.Sprintf("127.0.0.1:%d", p1)); ok {
		t.Errorf("a direct-TLS module probed a STARTTLS endpoint")
	}

	// A second STARTTLS endpoint that refuses connections fails the probe.
	closed := closedPort(t)
	res["_xmpp-server._tcp."+domain] = append(res["_xmpp-server._tcp."+domain], &net.SRV{Target: "127.0.0.1.", Port: uint16(closed), Priority: 3})
	r = doProbe(t, h, "s2s_normal", "xmpp:"+domain, nil)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_endpoint_success", "endpoint", fmt.Sprintf("127.0.0.1:%d", p1))
	r.want(t, 0, "probe_xmpplint_endpoint_success", "endpoint", fmt.Sprintf("127.0.0.1:%d", closed))
	r.want(t, 1, "probe_xmpplint_failed", "endpoint", fmt.Sprintf("127.0.0.1:%d", closed), "reason", "connect")

	// No _xmpps-* record: a direct-TLS module has nowhere to go.
	r = doProbe(t, h, "c2s_direct", "xmpp:"+domain, nil)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_failed", "reason", "no_endpoint")
}

func closedPort(t testing.TB) int {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	return port
}

// TestProbeFailures: each failure the live probe handles gives
// probe_success 0 and a probe_xmpplint_failed series naming it, within
// the timeout.
func TestProbeFailures(t *testing.T) {
	t.Parallel()
	good := livetest.NewPKI(t, domain, both...)
	other := livetest.NewPKI(t, "other.test", both...)
	serverOnly := livetest.NewPKI(t, domain, x509.ExtKeyUsageServerAuth)
	expired := livetest.NewPKIValid(t, domain, time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour), both...)
	huge := good
	huge.Cert.Certificate = [][]byte{good.Chain[0]}
	for len(huge.Cert.Certificate) < 1000 { // over Go's 256 KiB certificate message limit
		huge.Cert.Certificate = append(huge.Cert.Certificate, good.Chain[1])
	}
	silent := func(c net.Conn) { io.Copy(io.Discard, c) }
	header := func(features string) func(net.Conn) {
		return func(c net.Conn) {
			if _, _, err := livetest.ReadHeader(c); err != nil {
				return
			}
			fmt.Fprintf(c, "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>%s", features)
			io.Copy(io.Discard, c)
		}
	}
	cases := []struct {
		name, module string
		handle       func(net.Conn)
		port         int // instead of a server
		ca           livetest.PKI
		reasons      []string
		quick        bool // answered well before the timeout
	}{
		{name: "silence", module: "s2s_normal", handle: silent, reasons: []string{"timeout"}},
		{name: "refused", module: "s2s_normal", port: closedPort(t), reasons: []string{"connect"}},
		{name: "no STARTTLS", module: "s2s_normal", handle: header("<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>"), reasons: []string{"no_starttls"}},
		{name: "stream error", module: "s2s_normal", handle: header("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"), reasons: []string{"stream_error"}},
		{name: "garbage", module: "s2s_normal", handle: func(c net.Conn) { io.WriteString(c, "HTTP/1.1 400 Bad Request\r\n\r\n\x1b[31mno\r\n") }, reasons: []string{"not_xmpp"}},
		{name: "closed", module: "s2s_normal", handle: func(c net.Conn) {}, reasons: []string{"closed"}},
		// Garbage on a connection kept open (an SSH or TLS server on the
		// port) is not_xmpp at once, not a timeout.
		{name: "garbage, kept open", module: "s2s_normal", handle: func(c net.Conn) { io.WriteString(c, "SSH-2.0-OpenSSH_9.2\r\n"); io.Copy(io.Discard, c) }, reasons: []string{"not_xmpp"}, quick: true},
		{name: "TLS record, kept open", module: "s2s_normal", handle: func(c net.Conn) { c.Write([]byte("\x16\x03\x01\x00\x05hello")); io.Copy(io.Discard, c) }, reasons: []string{"not_xmpp"}, quick: true},
		{name: "TLS on a STARTTLS module", module: "s2s_normal", handle: livetest.DirectTLS(good, nil, nil), reasons: []string{"not_xmpp", "closed"}},
		{name: "huge chain", module: "s2s_normal", handle: livetest.STARTTLS(huge, nil), reasons: []string{"tls"}},
		{name: "wrong identity", module: "s2s_normal", handle: livetest.STARTTLS(other, nil), ca: other, reasons: []string{"identity", "findings"}},
		{name: "untrusted", module: "s2s_normal", handle: livetest.STARTTLS(good, nil), ca: other, reasons: []string{"untrusted"}},
		{name: "expired", module: "s2s_normal", handle: livetest.STARTTLS(expired, nil), ca: expired, reasons: []string{"untrusted"}},
		{name: "ejabberd-legacy rejects", module: "s2s_ejabberd_legacy", handle: livetest.STARTTLS(serverOnly, nil), ca: serverOnly, reasons: []string{"verdict"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			port := c.port
			if c.handle != nil {
				port = livetest.Serve(t, c.handle)
			}
			ca := c.ca
			if ca.Chain == nil {
				ca = good
			}
			h := newHandler(t, ca.CAFile(t), "modules:\n  s2s_ejabberd_legacy:\n    prober: s2s\n    require_accept: [ejabberd-legacy]\n", nil, Options{})
			const timeout = 1500 * time.Millisecond
			r := doProbe(t, h, c.module, given(port), http.Header{"X-Prometheus-Scrape-Timeout-Seconds": {"2"}})
			if r.status != 200 {
				t.Fatalf("status %d: %s", r.status, r.body)
			}
			if c.quick && r.elapsed > timeout/2 {
				t.Errorf("took %v, as long as a timeout", r.elapsed)
			}
			if r.elapsed > timeout+500*time.Millisecond {
				t.Errorf("took %v, timeout %v", r.elapsed, timeout)
			}
			r.want(t, 0, "probe_success")
			got := map[string]bool{}
			for _, m := range r.families["probe_xmpplint_failed"].GetMetric() {
				for _, lp := range m.Label {
					if lp.GetName() == "reason" {
						got[lp.GetValue()] = true
					}
				}
			}
			t.Logf("reasons %v in %v", got, r.elapsed.Round(time.Millisecond))
			found := false
			for _, want := range c.reasons {
				found = found || got[want]
			}
			if !found {
				t.Errorf("reasons %v, want one of %v\n%s", got, c.reasons, r.body)
			}
			if strings.ContainsAny(r.body, "\x1b\r") {
				t.Errorf("control characters in the answer:\n%q", r.body)
			}
		})
	}
}
