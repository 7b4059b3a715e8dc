//go:build linux

package integration

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// vhost is one domain a server hosts, with its certificate files.
type vhost struct {
	Domain   string
	Cert     string // certificate PEM file
	Key      string // private key PEM file
	Combined string // certificate then key, one file
}

// prosody is a Prosody instance run by the test.
type prosody struct {
	name             string
	dir, config, log string
	s2sPort          int
	proc             *proc
	ctl              string // path inside in
	in               installed
}

// prosodyConfig writes the configuration: loopback only, certificate-only
// s2s (s2s_secure_auth, dialback and bidi disabled), no c2s, the test CA as
// cafile (a row certificate chains to it and to nothing else), DNS through
// the test's resolver (lua-unbound
// forwarding to dnsPort; without lua-unbound Prosody would read
// /etc/resolv.conf).
// Paths are the machine's; the configuration names them as the
// installation sees them.
func prosodyConfig(in installed, dir string, s2sPort, dnsPort int, caFile string, hosts []vhost) string {
	q := func(p string) string { return strconv.Quote(in.inside(p)) }
	var b strings.Builder
	fmt.Fprintf(&b, "-- written by the xmpplint integration test\n")
	fmt.Fprintf(&b, "daemonize = false\nrun_as_root = true\n")
	fmt.Fprintf(&b, "pidfile = %s\ndata_path = %s\nadmin_socket = %s\n",
		q(filepath.Join(dir, "prosody.pid")), q(filepath.Join(dir, "data")), q(filepath.Join(dir, "prosody.sock")))
	fmt.Fprintf(&b, "log = { { levels = { min = \"debug\" }, to = \"file\", filename = %s } }\n", q(filepath.Join(dir, "prosody.log")))
	fmt.Fprintf(&b, "interfaces = { \"127.0.0.1\" }\nlocal_interfaces = { \"127.0.0.1\" }\n")
	fmt.Fprintf(&b, "s2s_ports = { %d }\nc2s_ports = { }\nc2s_direct_tls_ports = { }\ns2s_direct_tls_ports = { }\nhttp_ports = { }\nhttps_ports = { }\n", s2sPort)
	fmt.Fprintf(&b, "use_ipv6 = false\n")
	fmt.Fprintf(&b, "s2s_secure_auth = true\ns2s_require_encryption = true\ns2s_timeout = 20\n")
	fmt.Fprintf(&b, "modules_enabled = { \"tls\", \"saslauth\", \"admin_shell\" }\n")
	fmt.Fprintf(&b, "modules_disabled = { \"dialback\", \"s2s_bidi\", \"c2s\", \"offline\" }\n")
	fmt.Fprintf(&b, "unbound = { resolvconf = false, hoststxt = false, forward = %s }\n", strconv.Quote(fmt.Sprintf("127.0.0.1@%d", dnsPort)))
	fmt.Fprintf(&b, "ssl = { cafile = %s }\n", q(caFile))
	for _, h := range hosts {
		fmt.Fprintf(&b, "\nVirtualHost %s\n\tssl = { certificate = %s, key = %s, cafile = %s }\n", strconv.Quote(h.Domain), q(h.Cert), q(h.Key), q(caFile))
	}
	return b.String()
}

func startProsody(ctx context.Context, tb testing.TB, in installed, name, dir string, dnsPort int, caFile string, hosts []vhost) (*prosody, error) {
	bin, ok := in.lookPath("prosody")
	ctl, ok2 := in.lookPath("prosodyctl")
	if !ok || !ok2 {
		return nil, fmt.Errorf("prosody or prosodyctl not found")
	}
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, err
	}
	ports, err := freePorts(1)
	if err != nil {
		return nil, err
	}
	p := &prosody{name: name, dir: dir, config: filepath.Join(dir, "prosody.cfg.lua"), log: filepath.Join(dir, "prosody.log"), s2sPort: ports[0], ctl: ctl, in: in}
	if err := os.WriteFile(p.config, []byte(prosodyConfig(in, dir, p.s2sPort, dnsPort, caFile, hosts)), 0o644); err != nil {
		return nil, err
	}
	cmd := in.command(nil, bin, "-F", "--config", in.inside(p.config))
	cmd.Dir = dir
	if p.proc, err = startProc(tb, name, cmd, filepath.Join(dir, "prosody.stdout")); err != nil {
		return nil, err
	}
	if err := waitPort(ctx, p.proc, p.s2sPort); err != nil {
		return nil, err
	}
	sock := filepath.Join(dir, "prosody.sock")
	for {
		if _, err := os.Stat(sock); err == nil {
			return p, nil
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("%s: admin socket %s not created", name, sock)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// shell runs one line in Prosody's admin shell (prosodyctl shell); a line
// starting with ">" is Lua run in the server.
func (p *prosody) shell(ctx context.Context, line string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	cmd := p.in.command(ctx, p.ctl, "--config", p.in.inside(p.config), "shell", line)
	cmd.Dir = p.dir
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// send routes, for each link, a message of type error (which no server
// answers, so that the only s2s connection opened is From -> To) from one of
// Prosody's hosts to a remote domain. One shell call for all links.
func (p *prosody) send(ctx context.Context, links []link) error {
	var list strings.Builder
	for _, l := range links {
		fmt.Fprintf(&list, "{%q, %q}, ", l.From, l.To)
	}
	lua := ">local st = require \"util.stanza\"; for _, l in ipairs({ " + list.String() +
		"}) do prosody.core_route_stanza(hosts[l[1]], st.message({ from = l[1], to = l[2], type = \"error\" })) end"
	out, err := p.shell(ctx, lua)
	if err != nil {
		return fmt.Errorf("%s: prosodyctl shell: %v: %s", p.name, err, out)
	}
	return nil
}
