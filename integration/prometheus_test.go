//go:build linux

package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// monitoringDoc returns docs/monitoring.md.
func monitoringDoc(t *testing.T) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test's source")
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(file), "..", "docs", "monitoring.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// docBlock returns the fenced block that follows the comment
// "<!-- name: ..." in the document.
func docBlock(t *testing.T, doc, name string) string {
	t.Helper()
	re := regexp.MustCompile("(?s)<!-- " + regexp.QuoteMeta(name) + ":[^>]*-->\n```[a-z]*\n(.*?)```")
	m := re.FindStringSubmatch(doc)
	if m == nil {
		t.Fatalf("docs/monitoring.md has no %s block", name)
	}
	return m[1]
}

// replaceAll replaces old by new in s, and fails the test when old is not
// there (the document changed under the test).
func replaceAll(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("docs/monitoring.md's block no longer holds %q", old)
	}
	return strings.ReplaceAll(s, old, new)
}

// rulesTest is a promtool unit test of docs/monitoring.md's alert rules:
// each alert fires on the series it is written for and not on the others.
const rulesTest = `rule_files: [xmpplint-rules.yml]
evaluation_interval: 1m
tests:
  - interval: 1m
    input_series:
      - series: 'probe_success{job="xmpplint", instance="xmpp:a.example"}'
        values: '0x100'
      - series: 'probe_success{job="xmpplint", instance="xmpp:b.example"}'
        values: '1x100'
      - series: 'probe_ssl_earliest_cert_expiry{job="xmpplint", instance="xmpp:a.example"}'
        values: '864000x100'
      - series: 'probe_ssl_earliest_cert_expiry{job="xmpplint", instance="xmpp:b.example"}'
        values: '90000000x100'
      - series: 'probe_xmpplint_verdict{job="xmpplint", instance="xmpp:a.example", endpoint="h:5269", model="ejabberd-legacy", direction="s2s-in"}'
        values: '1x10 0x90'
      - series: 'probe_xmpplint_verdict{job="xmpplint", instance="xmpp:a.example", endpoint="h:5269", model="prosody-13", direction="s2s-in"}'
        values: '0x100'
      - series: 'probe_xmpplint_verdict{job="xmpplint", instance="xmpp:b.example", endpoint="h:5269", model="ejabberd", direction="s2s-out"}'
        values: '1x100'
      - series: 'probe_xmpplint_findings{job="xmpplint", instance="xmpp:a.example", endpoint="h:5269", lint="e_xmpp_dnsid_wildcard", severity="error"}'
        values: '1x100'
      - series: 'probe_xmpplint_findings{job="xmpplint", instance="xmpp:b.example", endpoint="h:5269", lint="w_xmpp_cn_deprecated", severity="warn"}'
        values: '1x100'
    alert_rule_test:
      - eval_time: 20m
        alertname: XMPPProbeFailing
        exp_alerts:
          - exp_labels: {severity: critical, job: xmpplint, instance: "xmpp:a.example"}
            exp_annotations:
              summary: "XMPP TLS probe of xmpp:a.example fails"
              description: 'See probe_xmpplint_failed{instance="xmpp:a.example"} for the reasons, or ask /probe with debug=true.'
      - eval_time: 90m
        alertname: XMPPCertificateExpiringSoon
        exp_alerts:
          - exp_labels: {severity: warning, job: xmpplint, instance: "xmpp:a.example"}
            exp_annotations:
              summary: "A certificate presented for xmpp:a.example expires in less than 14 days"
      - eval_time: 5m
        alertname: XMPPVerifierStartedRejecting
        exp_alerts: []
      - eval_time: 15m
        alertname: XMPPVerifierStartedRejecting
        exp_alerts:
          - exp_labels: {severity: warning, job: xmpplint, instance: "xmpp:a.example", endpoint: "h:5269", model: ejabberd-legacy, direction: s2s-in}
            exp_annotations:
              summary: "ejabberd-legacy (s2s-in) no longer accepts the certificate of h:5269 for xmpp:a.example"
      - eval_time: 90m
        alertname: XMPPCertificateLintErrors
        exp_alerts:
          - exp_labels: {severity: warning, instance: "xmpp:a.example", endpoint: "h:5269", lint: e_xmpp_dnsid_wildcard}
            exp_annotations:
              summary: "e_xmpp_dnsid_wildcard fails on a certificate of h:5269 for xmpp:a.example"
`

// TestProbePrometheus runs Debian's Prometheus with docs/monitoring.md's
// scrape configuration (addresses, targets and interval changed for the
// test) against the /probe handler and a real Prosody, lets it scrape
// twice, and reads the series back from its HTTP API; promtool checks the
// configuration and the alert rules as written, and runs a unit test of
// the rules.
func TestProbePrometheus(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real Prosody and Prometheus servers; skipped under -short")
	}
	tools := requireTools(t, "prometheus", "promtool", "prosody", "prosodyctl")
	promBin, promtool := tools[0], tools[1]
	doc := monitoringDoc(t)
	scrape := docBlock(t, doc, "prometheus.yml")
	rules := docBlock(t, doc, "xmpplint-rules.yml")

	// The documentation as written.
	docDir := t.TempDir()
	for name, text := range map[string]string{"prometheus.yml": scrape, "xmpplint-rules.yml": rules, "rules_test.yml": rulesTest} {
		if err := os.WriteFile(filepath.Join(docDir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{{"check", "rules", "xmpplint-rules.yml"}, {"check", "config", "prometheus.yml"}, {"test", "rules", "rules_test.yml"}} {
		cmd := exec.Command(promtool, args...)
		cmd.Dir = docDir
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("promtool %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	dns, p, caFile := monitoredProsody(ctx, t)
	srv, _ := serveProbe(t, dns.port(), p, caFile, "")
	probeAddr := strings.TrimPrefix(srv.URL, "http://")
	given := fmt.Sprintf("xmpp://127.0.0.1:%d/%s", p.s2sPort, monGood)

	config := scrape
	config = replaceAll(t, config, "scrape_interval: 5m", "scrape_interval: 2s")
	config = replaceAll(t, config, "scrape_timeout: 30s", "scrape_timeout: 2s")
	config = replaceAll(t, config, "          - xmpp:example.org\n          - xmpp://xmpp1.example.org:5269/example.org\n",
		"          - xmpp:"+monGood+"\n          - xmpp:"+monWrongID+"\n          - "+given+"\n")
	config = replaceAll(t, config, "127.0.0.1:9115", probeAddr)
	config = replaceAll(t, config, "127.0.0.1:9116", probeAddr)
	dir := t.TempDir()
	for name, text := range map[string]string{"prometheus.yml": config, "xmpplint-rules.yml": rules} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ports, err := freePorts(1)
	if err != nil {
		t.Fatal(err)
	}
	listen := fmt.Sprintf("127.0.0.1:%d", ports[0])
	cmd := exec.Command(promBin, "--config.file="+filepath.Join(dir, "prometheus.yml"),
		"--storage.tsdb.path="+filepath.Join(dir, "data"), "--web.listen-address="+listen)
	cmd.Dir = dir
	proc, err := startProc(t, "prometheus", cmd, filepath.Join(dir, "prometheus.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			log, _ := os.ReadFile(filepath.Join(dir, "prometheus.log"))
			t.Logf("prometheus.log:\n%s", log)
		}
	}()
	if err := waitPort(ctx, proc, ports[0]); err != nil {
		t.Fatal(err)
	}
	api := "http://" + listen

	// Two scrapes of every probe target.
	targets := []string{"xmpp:" + monGood, "xmpp:" + monWrongID, given}
	for {
		counts := map[string]float64{}
		for _, s := range promQuery(t, api, `count_over_time(probe_success{job="xmpplint"}[5m])`) {
			counts[s.Metric["instance"]] = s.value(t)
		}
		done := true
		for _, tg := range targets {
			done = done && counts[tg] >= 2
		}
		if done {
			t.Logf("scrapes per target: %v", counts)
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("Prometheus did not scrape every target twice: %v", counts)
		case <-time.After(500 * time.Millisecond):
		}
	}
	// The process metrics, scraped from the same server on their own
	// schedule, count the probes.
	for len(promQuery(t, api, `sum(xmpplint_probes_total{job="xmpplint_process", module="s2s_normal"}) >= 6`)) == 0 {
		select {
		case <-ctx.Done():
			t.Fatalf("xmpplint_probes_total: %v", promQuery(t, api, `xmpplint_probes_total`))
		case <-time.After(500 * time.Millisecond):
		}
	}
	want := map[string]float64{"xmpp:" + monGood: 1, "xmpp:" + monWrongID: 0, given: 1}
	for _, s := range promQuery(t, api, `probe_success{job="xmpplint"}`) {
		if w, ok := want[s.Metric["instance"]]; !ok || s.value(t) != w {
			t.Errorf("probe_success %v = %v, want %v", s.Metric, s.value(t), w)
		}
		delete(want, s.Metric["instance"])
	}
	if len(want) > 0 {
		t.Errorf("no probe_success for %v", want)
	}
	for _, c := range []struct {
		query string
		want  float64
	}{
		{`up{job="xmpplint"}`, 1},
		{`probe_xmpplint_failed{instance="xmpp:` + monWrongID + `", reason="identity"}`, 1},
		{`probe_xmpplint_identity_match{instance="xmpp:` + monWrongID + `", service="xmpp-server"}`, 0},
		{`probe_xmpplint_verdict{instance="xmpp:` + monGood + `", model="ejabberd-legacy", direction="s2s-in"}`, 1},
		{`probe_xmpplint_chain_trusted{instance="xmpp:` + monGood + `"}`, 1},
		{`probe_ssl_earliest_cert_expiry{instance="xmpp:` + monGood + `"} > time() + 20 * 86400`, -1},
		{`probe_tls_version_info{instance="xmpp:` + monGood + `", version="TLS 1.3"}`, 1},
		{`count(probe_xmpplint_cert_info{instance="xmpp:` + monGood + `", position="0"})`, 1},
	} {
		res := promQuery(t, api, c.query)
		if len(res) == 0 {
			t.Errorf("%s: no series", c.query)
		}
		for _, s := range res {
			if c.want >= 0 && s.value(t) != c.want {
				t.Errorf("%s: %v = %v, want %v", c.query, s.Metric, s.value(t), c.want)
			}
		}
	}
	// The docs' rules loaded in the real server.
	var rulesResp struct {
		Data struct {
			Groups []struct {
				Rules []struct {
					Name, Health string
				}
			}
		}
	}
	promGet(t, api+"/api/v1/rules", &rulesResp)
	n := 0
	for _, g := range rulesResp.Data.Groups {
		for _, r := range g.Rules {
			n++
			if r.Health == "err" {
				t.Errorf("rule %s: health %s", r.Name, r.Health)
			}
		}
	}
	if n != 4 {
		t.Errorf("%d rules loaded, want 4", n)
	}
}

type promSample struct {
	Metric map[string]string
	Value  [2]any
}

func (s promSample) value(t *testing.T) float64 {
	str, _ := s.Value[1].(string)
	v, err := strconv.ParseFloat(str, 64)
	if err != nil {
		t.Fatalf("sample %v: %v", s, err)
	}
	return v
}

// promQuery runs an instant query on Prometheus's HTTP API.
func promQuery(t *testing.T, api, q string) []promSample {
	t.Helper()
	var resp struct {
		Status string
		Error  string
		Data   struct {
			ResultType string
			Result     []promSample
		}
	}
	promGet(t, api+"/api/v1/query?query="+url.QueryEscape(q), &resp)
	if resp.Status != "success" || resp.Data.ResultType != "vector" {
		t.Fatalf("query %s: %s %s (%s)", q, resp.Status, resp.Error, resp.Data.ResultType)
	}
	return resp.Data.Result
}

func promGet(t *testing.T, u string, v any) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
}
