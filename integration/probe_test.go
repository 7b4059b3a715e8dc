//go:build linux

package integration

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"time"

	"github.com/xmpplint/xmpplint/live"
)

const (
	nsStream = "http://etherx.jabber.org/streams"
	nsTLS    = "urn:ietf:params:xml:ns:xmpp-tls"
)

// readUntil reads XML tokens until a start element named local in namespace
// ns; it returns that element.
func readUntil(d *xml.Decoder, ns, local string) (xml.StartElement, error) {
	for {
		tok, err := d.Token()
		if err != nil {
			return xml.StartElement{}, err
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Space == ns && se.Name.Local == local {
			return se, nil
		}
	}
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// presentedCert connects to an s2s port as an initiator from probe.example
// would (package live, as `xmpplint check` does), asks for domain, and
// returns the certificate the receiver presents for it, unverified.
func presentedCert(ctx context.Context, port int, domain string) (*x509.Certificate, error) {
	ch, err := live.Fetch(ctx, &net.Dialer{}, domain, live.ServiceServer,
		live.Endpoint{Host: "127.0.0.1", Port: port, Via: "given"}, live.Options{From: probeDomain})
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(ch.Certs[0])
}

// probeDomain is the domain of the capture server.
const probeDomain = "probe.example"

// captureServer plays the receiving server for probe.example up to the TLS
// handshake, asking for a client certificate, and records which
// certificate each initiating domain presents; then it drops the
// connection.
type captureServer struct {
	ln   net.Listener
	conf *tls.Config
	mu   sync.Mutex
	got  map[string]*x509.Certificate
	errs map[string]error
	wg   sync.WaitGroup
}

func startCapture(cert tls.Certificate) (*captureServer, error) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	c := &captureServer{ln: ln, got: map[string]*x509.Certificate{}, errs: map[string]error{},
		conf: &tls.Config{Certificates: []tls.Certificate{cert}, ClientAuth: tls.RequestClientCert}}
	c.wg.Add(1)
	go c.serve()
	return c, nil
}

func (c *captureServer) port() int { return c.ln.Addr().(*net.TCPAddr).Port }

func (c *captureServer) close() {
	c.ln.Close()
	c.wg.Wait()
}

func (c *captureServer) serve() {
	defer c.wg.Done()
	for {
		conn, err := c.ln.Accept()
		if err != nil {
			return
		}
		c.wg.Add(1)
		go func() {
			defer c.wg.Done()
			defer conn.Close()
			from, cert, err := c.handle(conn)
			if from == "" {
				return
			}
			c.mu.Lock()
			defer c.mu.Unlock()
			if err != nil {
				c.errs[from] = err
			} else {
				c.got[from] = cert
			}
		}()
	}
}

func (c *captureServer) handle(conn net.Conn) (string, *x509.Certificate, error) {
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	d := xml.NewDecoder(conn)
	se, err := readUntil(d, nsStream, "stream")
	if err != nil {
		return "", nil, err
	}
	from := attr(se, "from")
	reply := fmt.Sprintf("<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='%s' id='probe' from='%s' to='%s' version='1.0'>"+
		"<stream:features><starttls xmlns='%s'><required/></starttls></stream:features>", nsStream, probeDomain, from, nsTLS)
	if _, err := io.WriteString(conn, reply); err != nil {
		return from, nil, err
	}
	if _, err := readUntil(d, nsTLS, "starttls"); err != nil {
		return from, nil, err
	}
	if _, err := io.WriteString(conn, "<proceed xmlns='"+nsTLS+"'/>"); err != nil {
		return from, nil, err
	}
	ts := tls.Server(conn, c.conf)
	if err := ts.Handshake(); err != nil {
		return from, nil, err
	}
	certs := ts.ConnectionState().PeerCertificates
	if len(certs) == 0 {
		return from, nil, errors.New("no client certificate")
	}
	return from, certs[0], nil
}

// captured returns the certificate from presented; seen is false when from
// has not connected (yet), err is set when its handshake failed.
func (c *captureServer) captured(from string) (cert *x509.Certificate, seen bool, err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if cert, ok := c.got[from]; ok {
		return cert, true, nil
	}
	if err, ok := c.errs[from]; ok {
		return nil, true, err
	}
	return nil, false, nil
}
