//go:build linux

package integration

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ejabberd is an ejabberd instance run by the test.
type ejabberd struct {
	dir, config, log  string
	s2sPort, httpPort int
	proc              *proc
	client            *http.Client
}

var erlLibsLine = regexp.MustCompile(`(?m)^ERL_LIBS='?([^'\s]+)'?`)

// ejabberdInstall finds what ejabberdctl would run: the erl binary and the
// ERL_LIBS directory holding the ejabberd application. The test runs erl
// itself (not ejabberdctl) so that the server stays a child of the test, runs
// as the test's user, and starts no epmd (the node is not distributed).
// Paths are inside the installation.
func (in installed) ejabberdInstall() (erl, libs string, err error) {
	ctl, ok := in.lookPath("ejabberdctl")
	if !ok {
		return "", "", fmt.Errorf("ejabberdctl not found")
	}
	erl, ok = in.lookPath("erl")
	if !ok {
		return "", "", fmt.Errorf("erl not found")
	}
	script, err := os.ReadFile(in.host(ctl))
	if err != nil {
		return "", "", err
	}
	if m := erlLibsLine.FindSubmatch(script); m != nil {
		libs = string(m[1])
	} else {
		return "", "", fmt.Errorf("%s sets no ERL_LIBS", ctl)
	}
	apps, _ := filepath.Glob(filepath.Join(in.host(libs), "ejabberd-*", "ebin", "ejabberd.app"))
	if len(apps) == 0 {
		return "", "", fmt.Errorf("no ejabberd application under %s", libs)
	}
	return erl, libs, nil
}

// ejabberdConfig writes ejabberd.yml: loopback only, STARTTLS required on
// s2s, mod_s2s_dialback not loaded (certificate-only s2s), the test CA as
// ca_file, one certfile per host, and mod_http_api on loopback to send
// stanzas from the test.
// Paths are the machine's; the configuration names them as the
// installation sees them.
func ejabberdConfig(in installed, s2sPort, httpPort int, caFile string, hosts []vhost) string {
	q := strconv.Quote
	qp := func(p string) string { return strconv.Quote(in.inside(p)) }
	var b strings.Builder
	// ejabberd's logger drops messages past 500 a second
	// (log_burst_limit_count) or 1000 queued, and with them the verdicts of
	// a burst of s2s connections (seen with 24.12 at loglevel debug). Level
	// info keeps every line the test reads (the stream XML is logged at
	// notice) and a tenth of the volume.
	b.WriteString("# written by the xmpplint integration test\nloglevel: info\nlog_rotate_count: 0\nhide_sensitive_log_data: false\nlog_burst_limit_count: 1000000\n")
	b.WriteString("hosts:\n")
	for _, h := range hosts {
		fmt.Fprintf(&b, "  - %s\n", q(h.Domain))
	}
	b.WriteString("certfiles:\n")
	for _, h := range hosts {
		fmt.Fprintf(&b, "  - %s\n", qp(h.Combined))
	}
	fmt.Fprintf(&b, "ca_file: %s\n", qp(caFile))
	b.WriteString("s2s_use_starttls: required\ns2s_dns_timeout: 3\ns2s_dns_retries: 1\noutgoing_s2s_families:\n  - ipv4\noutgoing_s2s_timeout: 20\n")
	b.WriteString("listen:\n")
	fmt.Fprintf(&b, "  -\n    port: %d\n    ip: \"127.0.0.1\"\n    module: ejabberd_s2s_in\n", s2sPort)
	fmt.Fprintf(&b, "  -\n    port: %d\n    ip: \"127.0.0.1\"\n    module: ejabberd_http\n    request_handlers:\n      /api: mod_http_api\n", httpPort)
	b.WriteString("acl:\n  loopback:\n    ip:\n      - 127.0.0.0/8\n")
	b.WriteString("api_permissions:\n  \"test\":\n    from:\n      - mod_http_api\n    who:\n      acl: loopback\n    what: \"*\"\n")
	b.WriteString("modules:\n  mod_http_api: {}\n  mod_admin_extra: {}\n")
	return b.String()
}

// inetrc makes the Erlang resolver ask only the test's DNS server, and
// ignore /etc/resolv.conf and /etc/hosts (localhost and the machine's name
// stay known). Address look-ups of the s2s code use the system's
// getaddrinfo, which inetrc does not steer: the SRV records therefore point
// at an IP literal. Order
// matters: resolv_conf resets the name servers, so it comes first.
func inetrc(dnsPort int) string {
	names := []string{strconv.Quote("localhost")}
	if h, err := os.Hostname(); err == nil && h != "" && h != "localhost" {
		names = append(names, strconv.Quote(h))
	}
	return fmt.Sprintf("{resolv_conf, \"\"}.\n{hosts_file, \"\"}.\n{host, {127,0,0,1}, [%s]}.\n{nameserver, {127,0,0,1}, %d}.\n{lookup, [file, dns]}.\n",
		strings.Join(names, ", "), dnsPort)
}

func startEjabberd(ctx context.Context, tb testing.TB, in installed, dir string, dnsPort int, caFile string, hosts []vhost) (*ejabberd, error) {
	erl, libs, err := in.ejabberdInstall()
	if err != nil {
		return nil, err
	}
	spool := filepath.Join(dir, "spool")
	if err := os.MkdirAll(spool, 0o755); err != nil {
		return nil, err
	}
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	e := &ejabberd{dir: dir, config: filepath.Join(dir, "ejabberd.yml"), log: filepath.Join(dir, "ejabberd.log"),
		s2sPort: ports[0], httpPort: ports[1], client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}}
	if err := os.WriteFile(e.config, []byte(ejabberdConfig(in, e.s2sPort, e.httpPort, caFile, hosts)), 0o644); err != nil {
		return nil, err
	}
	rc := filepath.Join(dir, "inetrc")
	if err := os.WriteFile(rc, []byte(inetrc(dnsPort)), 0o644); err != nil {
		return nil, err
	}
	cmd := in.command(nil, erl, "+K", "true", "-noinput", "-mnesia", "dir", strconv.Quote(in.inside(spool)), "-s", "ejabberd")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"HOME="+in.inside(dir),
		"ERL_LIBS="+libs,
		"ERL_INETRC="+in.inside(rc),
		"ERL_CRASH_DUMP="+in.inside(filepath.Join(dir, "erl_crash.dump")),
		"EJABBERD_CONFIG_PATH="+in.inside(e.config),
		"EJABBERD_LOG_PATH="+in.inside(e.log),
	)
	if e.proc, err = startProc(tb, "ejabberd", cmd, filepath.Join(dir, "ejabberd.stdout")); err != nil {
		return nil, err
	}
	if err := waitPort(ctx, e.proc, e.httpPort); err != nil {
		return nil, err
	}
	if err := waitPort(ctx, e.proc, e.s2sPort); err != nil {
		return nil, err
	}
	return e, nil
}

// api calls a command of mod_http_api.
func (e *ejabberd) api(ctx context.Context, command string, args any) (string, error) {
	body, err := json.Marshal(args)
	if err != nil {
		return "", err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("http://127.0.0.1:%d/api/%s", e.httpPort, command), bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := e.client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return string(out), fmt.Errorf("ejabberd api %s: %s: %s", command, resp.Status, out)
	}
	return string(out), nil
}

// send routes, for each link, a message of type error (which no server
// answers) from one of ejabberd's hosts to a remote domain.
func (e *ejabberd) send(ctx context.Context, links []link) error {
	for _, l := range links {
		stanza := fmt.Sprintf("<message xmlns='jabber:client' type='error' from='%s' to='%s'/>", l.From, l.To)
		if _, err := e.api(ctx, "send_stanza", map[string]string{"from": l.From, "to": l.To, "stanza": stanza}); err != nil {
			return err
		}
	}
	return nil
}
