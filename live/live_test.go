package live_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"io"
	"net"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xmpplint/xmpplint/internal/livetest"
	"github.com/xmpplint/xmpplint/live"
)

func local(port int) live.Endpoint { return live.Endpoint{Host: "127.0.0.1", Port: port, Via: "given"} }

func TestFetchSTARTTLS(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	for _, c := range []struct {
		service, ns, from string
	}{
		{live.ServiceServer, "jabber:server", "checker.example"},
		{live.ServiceClient, "jabber:client", ""},
	} {
		hello := make(chan livetest.Hello, 1)
		ep := local(livetest.Serve(t, livetest.STARTTLS(p, hello)))
		ch, err := live.Fetch(context.Background(), &net.Dialer{}, "example.org", c.service, ep, live.Options{From: "checker.example"})
		if err != nil {
			t.Fatalf("%s: %v", c.service, err)
		}
		if len(ch.Certs) != 2 || !bytes.Equal(ch.Certs[0], p.Chain[0]) || !bytes.Equal(ch.Certs[1], p.Chain[1]) {
			t.Errorf("%s: got %d certificates, not the chain served", c.service, len(ch.Certs))
		}
		h := <-hello
		if h.NS != c.ns || h.To != "example.org" || h.From != c.from || h.SNI != "example.org" {
			t.Errorf("%s: the server saw %+v, want namespace %s, to and SNI example.org, from %q", c.service, h, c.ns, c.from)
		}
		if ch.TLSVersion == "" || ch.Remote == "" {
			t.Errorf("%s: TLS version %q, remote %q", c.service, ch.TLSVersion, ch.Remote)
		}
	}
}

func TestFetchDirectTLS(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	hello := make(chan livetest.Hello, 1)
	ep := local(livetest.Serve(t, livetest.DirectTLS(p, []string{"xmpp-server"}, hello)))
	ep.DirectTLS = true
	ch, err := live.Fetch(context.Background(), &net.Dialer{}, "example.org", live.ServiceServer, ep, live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Certs) != 2 || ch.ALPN != "xmpp-server" {
		t.Errorf("%d certificates, ALPN %q", len(ch.Certs), ch.ALPN)
	}
	if h := <-hello; len(h.ALPN) != 1 || h.ALPN[0] != "xmpp-server" || h.SNI != "example.org" {
		t.Errorf("client offered ALPN %q and SNI %q, want xmpp-server (XEP-0368) and the domain", h.ALPN, h.SNI)
	}
}

// TestFetchFailures: each way a server can fail the exchange gives an error
// that says which.
func TestFetchFailures(t *testing.T) {
	header := "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>"
	for _, c := range []struct {
		name  string
		reply string // written after the client's header
		want  string
	}{
		{"no starttls", header + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>", "does not offer STARTTLS (features: dialback)"},
		{"stream error", header + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>no such host</text></stream:error>", "stream error <host-unknown/>: no such host"},
		{"failure", header + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features><failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>", "STARTTLS refused"},
		{"not xmpp", "HTTP/1.1 400 Bad Request\r\n\r\n", "not an XMPP stream: the server sent \"HTTP/1.1 400 Bad Request\""},
		{"closed", "", "closed the connection"},
		{"other root", "<html><body/></html>", "not an XMPP stream"},
		// Hostile servers (issue 10): what they choose to say is escaped
		// and cut, and the pre-TLS cap says so.
		{"forged lines", header + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>x&#13;\n  trust    verified to system roots\n  OK     no findings\u009b2J\u202e</text></stream:error>",
			`stream error <host-unknown/>: x\r\n  trust    verified to system roots\n  OK     no findings\u009b2J\u202e`},
		{"long text", header + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/><text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>" + strings.Repeat("a", 100000) + "</text></stream:error>",
			"... (100000 bytes in all)"},
		{"many features", header + "<stream:features>" + strings.Repeat("<f xmlns='urn:x'/>", 50000) + "</stream:features>",
			"features: f, f, f, f, f, f, f, f, f, f and 49990 more (50000 in all)"},
		{"pre-TLS cap", header + "<stream:features>" + strings.Repeat("<f xmlns='urn:x'/>", 70000),
			"more than 1024 KiB before TLS"},
	} {
		t.Run(c.name, func(t *testing.T) {
			ep := local(livetest.Serve(t, func(conn net.Conn) {
				if _, _, err := livetest.ReadHeader(conn); err != nil {
					return
				}
				io.WriteString(conn, c.reply)
				if c.name == "failure" {
					time.Sleep(50 * time.Millisecond) // let the client send starttls
				}
			}))
			_, err := live.Fetch(context.Background(), &net.Dialer{}, "example.org", live.ServiceServer, ep, live.Options{Timeout: 3 * time.Second})
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %v, want one containing %q", err, c.want)
			} else if len(err.Error()) > 1024 || strings.ContainsAny(err.Error(), "\r\n\x1b") {
				t.Errorf("error of %d bytes, or with control characters: %.300q", len(err.Error()), err.Error())
			}
		})
	}
	// Nothing listening.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	_, err := live.Fetch(context.Background(), &net.Dialer{}, "example.org", live.ServiceServer, live.Endpoint{Host: "127.0.0.1", Port: port}, live.Options{})
	if err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("closed port: %v", err)
	}
	// A server that says nothing: the timeout ends the wait.
	ep := local(livetest.Serve(t, func(conn net.Conn) { time.Sleep(3 * time.Second) }))
	start := time.Now()
	_, err = live.Fetch(context.Background(), &net.Dialer{}, "example.org", live.ServiceServer, ep, live.Options{Timeout: 300 * time.Millisecond})
	if err == nil || time.Since(start) > 2*time.Second {
		t.Errorf("silent server: %v after %v", err, time.Since(start))
	}
}

// resolver answers SRV queries from a table; a missing name is NXDOMAIN.
type resolver map[string][]*net.SRV

func (r resolver) LookupSRV(_ context.Context, service, proto, name string) (string, []*net.SRV, error) {
	q := "_" + service + "._" + proto + "." + name
	if q == "_xmpp-server._tcp.broken.example" {
		return "", nil, &net.DNSError{Err: "server misbehaving", Name: q, IsTemporary: true}
	}
	if q == "_xmpp-server._tcp.partly.example" {
		return q, []*net.SRV{{Target: "ok.example.net.", Port: 5269}}, &net.DNSError{Err: "DNS response contained records which contain invalid names", Name: q}
	}
	srvs, ok := r[q]
	if !ok {
		return "", nil, &net.DNSError{Err: "no such host", Name: q, IsNotFound: true}
	}
	return q, srvs, nil
}

func TestEndpoints(t *testing.T) {
	r := resolver{
		"_xmpp-server._tcp.example.org": {
			{Target: "b.example.net.", Port: 5269, Priority: 10, Weight: 5},
			{Target: "a.example.net.", Port: 5269, Priority: 10, Weight: 5},
			{Target: "backup.example.net.", Port: 5270, Priority: 20},
			{Target: "heavy.example.net.", Port: 5269, Priority: 10, Weight: 50},
		},
		"_xmpps-server._tcp.example.org":    {{Target: "tls.example.net.", Port: 5270, Priority: 5}},
		"_xmpp-server._tcp.nothere.example": {{Target: "."}},
		"_xmpp-client._tcp.example.org":     {{Target: "c2s.example.net.", Port: 5222}},
	}
	str := func(eps []live.Endpoint) string {
		var s []string
		for _, e := range eps {
			s = append(s, e.Addr()+"/"+e.Mode())
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		domain, service, want, note, err string
	}{
		{"example.org", live.ServiceServer, "tls.example.net:5270/direct TLS heavy.example.net:5269/STARTTLS a.example.net:5269/STARTTLS b.example.net:5269/STARTTLS backup.example.net:5270/STARTTLS", "", ""},
		{"example.org.", live.ServiceClient, "c2s.example.net:5222/STARTTLS", "", ""},
		{"plain.example", live.ServiceServer, "plain.example:5269/STARTTLS", "", ""},
		{"plain.example", live.ServiceClient, "plain.example:5222/STARTTLS", "", ""},
		{"nothere.example", live.ServiceServer, "", "decidedly not available", ""},
		{"broken.example", live.ServiceServer, "", "", "server misbehaving"},
		{"partly.example", live.ServiceServer, "ok.example.net:5269/STARTTLS", "invalid names", ""},
		{"example.org", "xmpp-bogus", "", "", "want xmpp-server or xmpp-client"},
	} {
		eps, notes, err := live.Endpoints(context.Background(), r, c.domain, c.service)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s %s: error %v, want %q", c.domain, c.service, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %s: %v", c.domain, c.service, err)
			continue
		}
		if got := str(eps); got != c.want {
			t.Errorf("%s %s:\n got %s\nwant %s", c.domain, c.service, got, c.want)
		}
		if c.note != "" && (len(notes) != 1 || !strings.Contains(notes[0], c.note)) {
			t.Errorf("%s %s: notes %q, want one with %q", c.domain, c.service, notes, c.note)
		}
	}
}

func TestVerify(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	other := livetest.NewPKI(t, "example.org")
	expired := livetest.NewPKIValid(t, "example.org", time.Now().Add(-48*time.Hour), time.Now().Add(-time.Hour))
	roots, err := live.LoadRoots(false, p.CAFile(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := live.Verify(p.Chain, roots, time.Now()); err != nil {
		t.Errorf("chain to the CA file: %v", err)
	}
	if err := live.Verify(p.Chain[:1], roots, time.Now()); err != nil {
		t.Errorf("the leaf alone, its issuer a root: %v", err)
	}
	for _, c := range []struct {
		name  string
		chain [][]byte
		roots live.Roots
		want  string
	}{
		{"another CA", other.Chain, roots, "unknown authority"},
		{"expired", expired.Chain, mustRoots(t, expired), "expired"},
		{"garbage", [][]byte{[]byte("not DER")}, roots, "cannot parse"},
		{"nothing", nil, roots, "no certificate"},
	} {
		if err := live.Verify(c.chain, c.roots, time.Now()); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
	if !strings.HasSuffix(roots.Name, "ca.pem") || strings.Contains(roots.Name, "system") {
		t.Errorf("roots named %q", roots.Name)
	}
	for _, files := range [][]string{{"/nonexistent/ca.pem"}, {writeFile(t, "not a certificate")}, nil} {
		if _, err := live.LoadRoots(false, files...); err == nil {
			t.Errorf("LoadRoots(%q) without system roots: no error", files)
		}
	}
}

func mustRoots(t *testing.T, p livetest.PKI) live.Roots {
	r, err := live.LoadRoots(false, p.CAFile(t))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func writeFile(t *testing.T, content string) string {
	path := t.TempDir() + "/f.pem"
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
