package live

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xmpplint/xmpplint/internal/termsafe"
)

const (
	nsStream  = "http://etherx.jabber.org/streams"
	nsTLS     = "urn:ietf:params:xml:ns:xmpp-tls"
	nsStreams = "urn:ietf:params:xml:ns:xmpp-streams"
)

// ErrClosed is the error (wrapped) when the server closes the connection
// before TLS: a server that expects TLS from the first byte closes this
// way on a stream header.
var ErrClosed = errors.New("the server closed the connection")

// Chain is what an endpoint presented.
type Chain struct {
	Endpoint Endpoint
	// Remote is the address connected to (an IP address and port).
	Remote string
	// Certs holds the DER of the certificates, as presented: the leaf,
	// then whatever the server sends with it.
	Certs [][]byte
	// TLSVersion and ALPN are what the handshake settled on.
	TLSVersion string
	ALPN       string
}

// Dialer opens connections; *net.Dialer is one.
type Dialer interface {
	DialContext(ctx context.Context, network, addr string) (net.Conn, error)
}

// Options tune Fetch.
type Options struct {
	// From is the stream's from attribute on s2s (the domain the checker
	// speaks for); empty leaves it out, which RFC 6120 4.7.1 allows.
	From string
	// Timeout bounds the whole exchange; 10 s when zero.
	Timeout time.Duration
}

// maxPreTLS bounds what is read before TLS: a stream header and features
// are a few hundred bytes.
const maxPreTLS = 1 << 20

// ErrPreTLSCap is the error of a server that sends more than maxPreTLS
// bytes before TLS.
var ErrPreTLSCap = fmt.Errorf("the server sent more than %d KiB before TLS (the cap on a stream header and features)", maxPreTLS>>10)

// capReader reads at most n bytes and then fails with ErrPreTLSCap, where
// io.LimitReader would end the stream and leave the XML decoder to say
// "unexpected EOF".
type capReader struct {
	r io.Reader
	n int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, ErrPreTLSCap
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.r.Read(p)
	c.n -= int64(n)
	return n, err
}

// xmlStart fails as soon as the server's first byte other than white
// space (or a UTF-8 byte order mark) is not '<': an SSH banner, an HTTP
// answer or a TLS record is no XMPP stream. Without it the XML decoder
// takes such bytes for text before the root element and waits for a '<'
// that never comes, and the probe reports a timeout.
type xmlStart struct {
	r    io.Reader
	seen bool // the first significant byte was '<'
}

func (x *xmlStart) Read(p []byte) (int, error) {
	n, err := x.r.Read(p)
	if x.seen {
		return n, err
	}
	b := bytes.TrimLeft(bytes.TrimPrefix(p[:n], []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(b) == 0 {
		return n, err
	}
	if b[0] != '<' {
		if len(b) > 64 {
			b = b[:64]
		}
		return 0, fmt.Errorf("not an XMPP stream: the server sent %q", bytes.TrimSpace(b))
	}
	x.seen = true
	return n, err
}

// Bounds on what a server's words can add to an error: a stream error's
// text, an element name, the list of features offered.
const (
	maxServerText = 200 // bytes
	maxFeatures   = 10
)

// MaxErrorText bounds an error message about a server, as ErrorText
// gives it.
const MaxErrorText = 1024

// ErrorText is err's message for a record: control characters escaped,
// cut to MaxErrorText bytes. Fetch already bounds what the server chose;
// this bounds the rest (a decoder's message quoting a long element name).
func ErrorText(err error) string { return capText(err.Error(), MaxErrorText) }

// serverText shows text a server chose in an error: control characters
// escaped (a "\r\n  OK     no findings" must not forge a line), cut to
// maxServerText bytes.
func serverText(s string) string { return capText(s, maxServerText) }

func capText(s string, max int) string {
	cut := ""
	if len(s) > max {
		k := max
		for k > 0 && !utf8.RuneStart(s[k]) {
			k--
		}
		s, cut = s[:k], fmt.Sprintf("... (%d bytes in all)", len(s))
	}
	return termsafe.String(s) + cut
}

// Fetch connects to ep as a peer of domain's service would, and returns the
// certificates presented for domain. The chain is not verified.
func Fetch(ctx context.Context, d Dialer, domain, service string, ep Endpoint, o Options) (*Chain, error) {
	if service != ServiceServer && service != ServiceClient {
		return nil, fmt.Errorf("service %q: want %s or %s", service, ServiceServer, ServiceClient)
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ch, err := fetch(ctx, d, domain, service, ep, o, false)
	if err != nil && strings.Contains(err.Error(), "tls: failed to parse certificate from server") {
		// Go's TLS client parses the server's certificates with
		// crypto/x509 and gives up on what it refuses (a negative RSA
		// modulus, a curve it lacks) before handing them over, though
		// OpenSSL-based peers accept them. Under TLS 1.2 the Certificate
		// message is in the clear: connect again and read it off the wire.
		if ch2, err2 := fetch(ctx, d, domain, service, ep, o, true); err2 == nil {
			return ch2, nil
		}
	}
	return ch, err
}

// fetch is one connection of Fetch. With sniff, it offers TLS 1.2 at
// most and takes the chain from the server's Certificate message, which
// it reads from the bytes received, whether or not the handshake then
// completes.
func fetch(ctx context.Context, d Dialer, domain, service string, ep Endpoint, o Options, sniff bool) (*Chain, error) {
	conn, err := d.DialContext(ctx, "tcp", ep.Addr())
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Now()) }) // cancellation ends blocked reads
	defer stop()
	conf := &tls.Config{
		ServerName:         strings.TrimSuffix(domain, "."),
		InsecureSkipVerify: true, // the point is to see what is presented, valid or not
		MinVersion:         tls.VersionTLS10,
	}
	if ep.DirectTLS {
		conf.NextProtos = []string{service} // XEP-0368 4: ALPN "xmpp-client" / "xmpp-server"
	} else if err := startTLS(conn, domain, service, o.From); err != nil {
		return nil, err
	}
	var rec *recorder
	if sniff {
		conf.MaxVersion = tls.VersionTLS12
		rec = &recorder{Conn: conn}
		conn = rec
	}
	tc := tls.Client(conn, conf)
	if err := tc.HandshakeContext(ctx); err != nil && !sniff {
		return nil, fmt.Errorf("TLS handshake: %w", err)
	}
	if sniff {
		certs, err := certificateMessage(rec.buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("TLS handshake: %w", err)
		}
		return &Chain{Endpoint: ep, Remote: conn.RemoteAddr().String(), TLSVersion: tls.VersionName(tls.VersionTLS12), ALPN: tc.ConnectionState().NegotiatedProtocol, Certs: certs}, nil
	}
	st := tc.ConnectionState()
	if len(st.PeerCertificates) == 0 {
		return nil, errors.New("TLS handshake: no certificate presented")
	}
	ch := &Chain{Endpoint: ep, Remote: conn.RemoteAddr().String(), TLSVersion: tls.VersionName(st.Version), ALPN: st.NegotiatedProtocol}
	for _, c := range st.PeerCertificates {
		ch.Certs = append(ch.Certs, c.Raw)
	}
	return ch, nil
}

// startTLS opens a stream to domain and negotiates STARTTLS (RFC 6120 5.4).
func startTLS(conn net.Conn, domain, service, from string) error {
	ns := "jabber:server"
	if service == ServiceClient {
		ns = "jabber:client"
	}
	var header strings.Builder
	header.WriteString("<?xml version='1.0'?><stream:stream xmlns='" + ns + "' xmlns:stream='" + nsStream + "'")
	if from != "" && service == ServiceServer {
		header.WriteString(" from='" + xmlEscape(from) + "'")
	}
	header.WriteString(" to='" + xmlEscape(domain) + "' version='1.0'>")
	if _, err := io.WriteString(conn, header.String()); err != nil {
		return fmt.Errorf("sending the stream header: %w", err)
	}
	// The decoder buffers what it reads; nothing is lost to TLS, since a
	// server sends nothing after <proceed/> until the ClientHello.
	dec := xml.NewDecoder(&xmlStart{r: &capReader{r: conn, n: maxPreTLS}})
	if err := readFeatures(dec); err != nil {
		return err
	}
	if _, err := io.WriteString(conn, "<starttls xmlns='"+nsTLS+"'/>"); err != nil {
		return fmt.Errorf("sending starttls: %w", err)
	}
	se, err := next(dec)
	if err != nil {
		return fmt.Errorf("waiting for proceed: %w", err)
	}
	if se.Name.Space != nsTLS || se.Name.Local != "proceed" {
		return fmt.Errorf("STARTTLS refused: the server answered <%s xmlns='%s'/> instead of proceed", serverText(se.Name.Local), serverText(se.Name.Space))
	}
	return nil
}

// readFeatures reads the server's stream header and its stream features,
// and checks that STARTTLS is offered.
func readFeatures(dec *xml.Decoder) error {
	se, err := next(dec)
	if err != nil {
		return fmt.Errorf("waiting for the stream header: %w", err)
	}
	if se.Name.Space != nsStream || se.Name.Local != "stream" {
		return fmt.Errorf("not an XMPP stream: the server opened <%s xmlns='%s'>", serverText(se.Name.Local), serverText(se.Name.Space))
	}
	if se, err = next(dec); err != nil {
		return fmt.Errorf("waiting for the stream features: %w", err)
	}
	if se.Name.Space != nsStream || se.Name.Local != "features" {
		return fmt.Errorf("expected stream features, got <%s xmlns='%s'>", serverText(se.Name.Local), serverText(se.Name.Space))
	}
	var features struct {
		Children []struct {
			XMLName xml.Name
		} `xml:",any"`
	}
	if err := dec.DecodeElement(&features, &se); err != nil {
		return fmt.Errorf("reading the stream features: %w", err)
	}
	var offered []string
	for _, c := range features.Children {
		if c.XMLName.Space == nsTLS && c.XMLName.Local == "starttls" {
			return nil
		}
		if len(offered) < maxFeatures {
			offered = append(offered, serverText(c.XMLName.Local))
		}
	}
	list := orNone(offered)
	if n := len(features.Children); n > len(offered) {
		list += fmt.Sprintf(" and %d more (%d in all)", n-len(offered), n)
	}
	return fmt.Errorf("the server does not offer STARTTLS (features: %s)", list)
}

// next returns the next start element at any depth, or the stream error
// the server sent instead.
func next(dec *xml.Decoder) (xml.StartElement, error) {
	var text []byte // what came instead of XML, for the error
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = ErrClosed
				if len(text) > 0 {
					err = fmt.Errorf("not an XMPP stream: the server sent %q and closed the connection", text)
				}
			}
			return xml.StartElement{}, err
		}
		if cd, ok := tok.(xml.CharData); ok && len(text) < 64 {
			text = append(text, bytes.TrimSpace(cd)...)
			if len(text) > 64 {
				text = text[:64]
			}
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if se.Name.Space == nsStream && se.Name.Local == "error" {
			return xml.StartElement{}, streamError(dec, se)
		}
		return se, nil
	}
}

// streamError reads a <stream:error/> into an error naming its condition
// and text (RFC 6120 4.9).
func streamError(dec *xml.Decoder, se xml.StartElement) error {
	var body struct {
		Children []struct {
			XMLName xml.Name
			Text    string `xml:",chardata"`
		} `xml:",any"`
	}
	if err := dec.DecodeElement(&body, &se); err != nil {
		return fmt.Errorf("stream error (unreadable: %s)", serverText(err.Error()))
	}
	cond, text := "", ""
	for _, c := range body.Children {
		if c.XMLName.Space != nsStreams {
			continue
		}
		if c.XMLName.Local == "text" {
			text = strings.TrimSpace(c.Text)
		} else if cond == "" {
			cond = c.XMLName.Local
		}
	}
	if cond == "" {
		cond = "undefined-condition"
	}
	cond = serverText(cond)
	if text != "" {
		return fmt.Errorf("stream error <%s/>: %s", cond, serverText(text))
	}
	return fmt.Errorf("stream error <%s/>", cond)
}

func orNone(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	return strings.Join(xs, ", ")
}

func xmlEscape(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // quotes too
	return b.String()
}

// recorder keeps what the server sends during a TLS 1.2 handshake, up to
// maxRecorded bytes (Go's client refuses chains over 256 KiB anyway).
type recorder struct {
	net.Conn
	buf bytes.Buffer
}

const maxRecorded = 1 << 20

func (r *recorder) Read(p []byte) (int, error) {
	n, err := r.Conn.Read(p)
	if room := maxRecorded - r.buf.Len(); room > 0 {
		r.buf.Write(p[:min(n, room)])
	}
	return n, err
}

// certificateMessage finds the server's Certificate handshake message
// (RFC 5246 7.4.2) in the TLS records received before encryption starts,
// and returns the certificates it holds, as sent.
func certificateMessage(b []byte) ([][]byte, error) {
	var hs []byte // the handshake protocol's bytes, records joined
	for len(b) >= 5 {
		typ, n := b[0], int(b[3])<<8|int(b[4])
		if len(b) < 5+n {
			break
		}
		if typ == 20 { // ChangeCipherSpec: what follows is encrypted
			break
		}
		if typ == 22 {
			hs = append(hs, b[5:5+n]...)
		}
		b = b[5+n:]
	}
	for len(hs) >= 4 {
		typ, n := hs[0], int(hs[1])<<16|int(hs[2])<<8|int(hs[3])
		if len(hs) < 4+n {
			break
		}
		body := hs[4 : 4+n]
		hs = hs[4+n:]
		if typ != 11 {
			continue
		}
		if len(body) < 3 || int(body[0])<<16|int(body[1])<<8|int(body[2]) != len(body)-3 {
			return nil, errors.New("malformed Certificate message")
		}
		var certs [][]byte
		for body = body[3:]; len(body) > 0; {
			if len(body) < 3 {
				return nil, errors.New("malformed Certificate message")
			}
			m := int(body[0])<<16 | int(body[1])<<8 | int(body[2])
			if len(body) < 3+m || m == 0 {
				return nil, errors.New("malformed Certificate message")
			}
			certs = append(certs, bytes.Clone(body[3:3+m]))
			body = body[3+m:]
		}
		if len(certs) == 0 {
			return nil, errors.New("no certificate presented")
		}
		return certs, nil
	}
	return nil, errors.New("no Certificate message under TLS 1.2")
}
