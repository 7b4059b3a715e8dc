package probe

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/xmpplint/xmpplint/internal/livetest"
)

// TestHandlerRequests: requests that cannot be probed are answered with
// an HTTP error naming the problem, and counted.
func TestHandlerRequests(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	reg := prometheus.NewRegistry()
	h := newHandler(t, pki.CAFile(t), "", reg, Options{})
	cases := []struct {
		query  string
		method string
		header string
		status int
		want   string
	}{
		{"target=xmpp:example.org", "GET", "", 400, "module parameter is missing"},
		{"module=http_2xx&target=xmpp:example.org", "GET", "", 400, `unknown module "http_2xx" (known: c2s_direct, c2s_normal_auth, s2s_direct, s2s_normal)`},
		{"module=s2s_normal", "GET", "", 400, "target parameter is missing"},
		{"module=s2s_normal&target=example.org%1b%5b31m", "GET", "", 400, `target "example.org\x1b[31m": not a URL`},
		{"module=s2s_normal&target=xmpp:example.org", "POST", "", 405, "use GET"},
		{"module=s2s_normal&target=xmpp:example.org", "GET", "soon", 400, "X-Prometheus-Scrape-Timeout-Seconds"},
	}
	for _, c := range cases {
		req := httptest.NewRequest(c.method, "/probe?"+c.query, nil)
		if c.header != "" {
			req.Header.Set("X-Prometheus-Scrape-Timeout-Seconds", c.header)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
			t.Errorf("%s %s: %d %q, want %d %q", c.method, c.query, rec.Code, rec.Body.String(), c.status, c.want)
		}
		if strings.ContainsRune(rec.Body.String(), 0x1b) {
			t.Errorf("%s: escape character in the answer %q", c.query, rec.Body.String())
		}
	}
	if got := testutil.ToFloat64(h.pm.rejected.WithLabelValues("bad_request")); got != 5 {
		t.Errorf("rejected bad_request = %v, want 5", got)
	}
	if got := testutil.ToFloat64(h.pm.rejected.WithLabelValues("unknown_module")); got != 1 {
		t.Errorf("rejected unknown_module = %v, want 1", got)
	}
	// The process registry never carries a target.
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if s := mf.String(); strings.Contains(s, "example.org") {
			t.Errorf("a target on the process registry: %s", s)
		}
	}
}

// TestHandlerTimeout: the module's timeout bounds a probe, and a shorter
// scrape timeout (less the offset) bounds it further.
func TestHandlerTimeout(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	port := livetest.Serve(t, func(c net.Conn) { time.Sleep(4 * time.Second) })
	h := newHandler(t, pki.CAFile(t), "modules:\n  quick:\n    prober: s2s\n    timeout: 700ms\n", nil, Options{})
	for _, c := range []struct {
		module, header string
		want           time.Duration
	}{
		{"quick", "", 700 * time.Millisecond},
		{"quick", "10", 700 * time.Millisecond},
		{"s2s_normal", "1.5", time.Second},
	} {
		var hdr http.Header
		if c.header != "" {
			hdr = http.Header{"X-Prometheus-Scrape-Timeout-Seconds": {c.header}}
		}
		r := doProbe(t, h, c.module, given(port), hdr)
		if r.elapsed < c.want-50*time.Millisecond || r.elapsed > c.want+400*time.Millisecond {
			t.Errorf("%s, scrape timeout %q: took %v, want about %v", c.module, c.header, r.elapsed, c.want)
		}
		r.want(t, 0, "probe_success")
		r.want(t, 1, "probe_xmpplint_failed", "reason", "timeout")
	}
}

// TestHandlerConcurrency: past the limit, a probe waits for a slot; one
// that finds none within its timeout is answered 503.
func TestHandlerConcurrency(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	release := make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { once.Do(func() { close(release) }) })
	port := livetest.Serve(t, func(c net.Conn) { <-release })
	reg := prometheus.NewRegistry()
	h := newHandler(t, pki.CAFile(t), "", reg, Options{MaxConcurrent: 1})
	done := make(chan probeResult)
	go func() { done <- doProbe(t, h, "s2s_normal", given(port), nil) }()
	deadline := time.Now().Add(5 * time.Second)
	for testutil.ToFloat64(h.pm.inFlight) != 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	r := doProbe(t, h, "s2s_normal", given(port), http.Header{"X-Prometheus-Scrape-Timeout-Seconds": {"1"}})
	if r.status != http.StatusServiceUnavailable || !strings.Contains(r.body, "1 probes already running") {
		t.Errorf("second probe: %d %q, want 503", r.status, r.body)
	}
	if got := testutil.ToFloat64(h.pm.rejected.WithLabelValues("busy")); got != 1 {
		t.Errorf("rejected busy = %v", got)
	}
	once.Do(func() { close(release) })
	first := <-done
	if first.status != 200 {
		t.Errorf("first probe: %d", first.status)
	}
}

// TestHandlerC2S: a c2s module speaks jabber:client, accepts a user's JID
// as target and reports the c2s verdicts.
func TestHandlerC2S(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	hello := make(chan livetest.Hello, 1)
	port := livetest.Serve(t, livetest.STARTTLS(pki, hello))
	h := newHandler(t, pki.CAFile(t), "", nil, Options{})
	r := doProbe(t, h, "c2s_normal_auth", fmt.Sprintf("xmpp://127.0.0.1:%d/blackbox@%s", port, domain), nil)
	r.want(t, 1, "probe_success")
	r.want(t, 1, "probe_xmpplint_identity_match", "service", "xmpp-client")
	r.want(t, 1, "probe_xmpplint_verdict", "model", "prosody-13", "direction", "c2s")
	if _, ok := r.value("probe_xmpplint_verdict", "model", "prosody-13", "direction", "s2s-in"); ok {
		t.Error("s2s verdicts on a c2s probe")
	}
	got := <-hello
	if got.NS != "jabber:client" || got.To != domain || got.SNI != domain {
		t.Errorf("client sent %+v", got)
	}
}

// TestHandlerDebug: debug=true gives the probe's log, then its metrics.
func TestHandlerDebug(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, "other.test", both...)
	port := livetest.Serve(t, livetest.STARTTLS(pki, nil))
	h := newHandler(t, pki.CAFile(t), "", nil, Options{})
	req := httptest.NewRequest("GET", fmt.Sprintf("/probe?module=s2s_normal&debug=true&target=%s", given(port)), nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body := rec.Body.String()
	for _, want := range []string{"Logs for the probe:", "msg=identity", "domain=example.test", "Metrics that would have been returned:", "probe_success 0", `reason="identity"`} {
		if !strings.Contains(body, want) {
			t.Errorf("debug answer lacks %q:\n%s", want, body)
		}
	}
}

// TestHandlerReload: a valid file is swapped in whole; an invalid one is
// refused and the modules in use stay.
func TestHandlerReload(t *testing.T) {
	t.Parallel()
	pki := livetest.NewPKI(t, domain, both...)
	h := newHandler(t, pki.CAFile(t), "modules:\n  one:\n    prober: s2s\n", nil, Options{})
	if got := strings.Join(h.Modules(), ","); got != "c2s_direct,c2s_normal_auth,one,s2s_direct,s2s_normal" {
		t.Errorf("modules %s", got)
	}
	if err := os.WriteFile(h.opts.ConfigFile, []byte("modules:\n  two:\n    prober: c2s\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := h.Reload(); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(h.Modules(), ","); got != "c2s_direct,c2s_normal_auth,s2s_direct,s2s_normal,two" {
		t.Errorf("after reload: %s", got)
	}
	if err := os.WriteFile(h.opts.ConfigFile, []byte("modules:\n  three:\n    prober: ftp\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := h.Reload(); err == nil {
		t.Error("invalid file reloaded")
	}
	if got := strings.Join(h.Modules(), ","); !strings.Contains(got, "two") || strings.Contains(got, "three") {
		t.Errorf("after a failed reload: %s", got)
	}
}

// TestHandlerIDN: a U-label domain is looked up, asked for and sent as SNI
// in A-label form.
func TestHandlerIDN(t *testing.T) {
	t.Parallel()
	const ace = "xn--x-9fa.example"
	pki := livetest.NewPKI(t, ace, both...)
	hello := make(chan livetest.Hello, 1)
	port := livetest.Serve(t, livetest.STARTTLS(pki, hello))
	res := srvResolver{"_xmpp-server._tcp." + ace: {{Target: "127.0.0.1.", Port: uint16(port)}}}
	h := newHandler(t, pki.CAFile(t), "", nil, Options{Resolver: res})
	r := doProbe(t, h, "s2s_normal", "xmpp:éx.example", nil)
	r.want(t, 1, "probe_xmpplint_identity_match")
	if got := <-hello; got.To != ace || got.SNI != ace {
		t.Errorf("client sent %+v", got)
	}
}
