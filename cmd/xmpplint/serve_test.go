package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xmpplint/xmpplint/corpus"
)

// TestServe runs `xmpplint serve` as a user starts it, on Unix sockets:
// the pkimetal endpoint lints a certificate, /probe answers for an
// unreachable XMPP server with probe_success 0, /metrics on the monitor
// listener holds the probe's process metrics, and the command ends with
// exit 0 when its context is done (as on SIGTERM).
func TestServe(t *testing.T) {
	dir := t.TempDir()
	pub, mon := filepath.Join(dir, "pub.sock"), filepath.Join(dir, "mon.sock")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, ctx: ctx}
	done := make(chan int, 1)
	go func() {
		done <- env.dispatch([]string{"serve", "--listen", "unix:" + pub, "--monitor", "unix:" + mon, "--probe-concurrency", "2"})
	}()
	client := func(sock string) *http.Client {
		return &http.Client{Timeout: 20 * time.Second, Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", sock)
		}}}
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		if _, err := os.Stat(mon); err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended with %d before listening: %s", code, errb.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve did not listen: %s", errb.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	ders, err := corpus.Load("eku-client-auth-only")
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{"b64input": {base64.StdEncoding.EncodeToString(ders[0])}, "format": {"json"}}
	resp, err := client(pub).PostForm("http://xmpplint/lintcert", form)
	if err != nil {
		t.Fatal(err)
	}
	var rows []struct{ Linter, Finding, Code, Severity string }
	err = json.NewDecoder(resp.Body).Decode(&rows)
	resp.Body.Close()
	found := false
	for _, r := range rows {
		found = found || r.Code == "e_xmpp_server_eku_client_auth_only"
	}
	if err != nil || resp.StatusCode != 200 || !found {
		t.Errorf("/lintcert: %d %v %+v, want e_xmpp_server_eku_client_auth_only", resp.StatusCode, err, rows)
	}

	// Port 1 on loopback: nothing listens, the probe fails fast.
	resp, err = client(pub).Get("http://xmpplint/probe?module=s2s_normal&target=" + url.QueryEscape("xmpp://127.0.0.1:1/example.org"))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "\nprobe_success 0\n") {
		t.Errorf("/probe: %d\n%s", resp.StatusCode, body)
	}

	resp, err = client(mon).Get("http://xmpplint/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, m := range []string{"xmpplint_probes_total", "go_goroutines"} {
		if !strings.Contains(string(body), m) {
			t.Errorf("/metrics lacks %s", m)
		}
	}

	cancel()
	select {
	case code := <-done:
		if code != exitOK {
			t.Errorf("serve: exit %d: %s", code, errb.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop when its context ended")
	}
}

// TestServeCheckConfig: --check-config lists the modules and exits; a bad
// module file is a usage error naming it.
func TestServeCheckConfig(t *testing.T) {
	r := xmpplint(t, "", "serve", "--check-config")
	if r.code != exitOK || !strings.Contains(r.stdout, "s2s_normal\n") || !strings.Contains(r.stdout, "c2s_normal_auth\n") {
		t.Errorf("exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	bad := filepath.Join(t.TempDir(), "modules.yaml")
	os.WriteFile(bad, []byte("modules:\n  x:\n    prober: nope\n"), 0o644)
	if r := xmpplint(t, "", "serve", "--check-config", "--config", bad); r.code != exitUsage || !strings.Contains(r.stderr, "serve:") {
		t.Errorf("bad modules: exit %d: %s", r.code, r.stderr)
	}
	// Several modules' mistakes at once: one readable line naming each
	// (it read `...\nmodule "c2s_normal_auth": ...`, a literal "\n").
	r = xmpplint(t, "", "serve", "--check-config", "--no-system-roots")
	if r.code != exitUsage || strings.Count(r.stderr, "\n") != 1 || strings.Contains(r.stderr, `\n`) ||
		!strings.Contains(r.stderr, `module "c2s_direct": trust: no roots`) || !strings.Contains(r.stderr, `; module "s2s_normal": trust: no roots`) {
		t.Errorf("--no-system-roots without --ca-file: exit %d: %q", r.code, r.stderr)
	}
}
