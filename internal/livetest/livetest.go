// Package livetest plays XMPP servers for the tests of package live and of
// `xmpplint check`: a throwaway CA and leaf, and a scripted server that
// offers STARTTLS (or speaks TLS at once) and presents them.
package livetest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"encoding/xml"
	"fmt"
	"io"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// PKI is a CA and a leaf for one domain, the leaf served with the CA
// certificate after it, as a fullchain.pem has it.
type PKI struct {
	Cert  tls.Certificate
	Chain [][]byte // DER: leaf, CA
}

// NewPKI issues a leaf for domain (DNS-ID and CN) with the given EKUs,
// valid from an hour ago for a day.
func NewPKI(t testing.TB, domain string, eku ...x509.ExtKeyUsage) PKI {
	t.Helper()
	return NewPKIValid(t, domain, time.Now().Add(-time.Hour), time.Now().Add(24*time.Hour), eku...)
}

// NewPKIValid is NewPKI with the leaf valid from notBefore to notAfter.
func NewPKIValid(t testing.TB, domain string, notBefore, notAfter time.Time, eku ...x509.ExtKeyUsage) PKI {
	t.Helper()
	caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	leafKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "Test XMPP CA"},
		NotBefore: now.Add(-48 * time.Hour), NotAfter: now.Add(48 * time.Hour), IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}
	leafTmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: domain},
		NotBefore: notBefore, NotAfter: notAfter, DNSNames: []string{domain},
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: eku}
	leafDER, err := x509.CreateCertificate(rand.Reader, leafTmpl, ca, &leafKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	return PKI{Cert: tls.Certificate{Certificate: [][]byte{leafDER, caDER}, PrivateKey: leafKey}, Chain: [][]byte{leafDER, caDER}}
}

// CAFile writes the CA certificate as PEM to a file in a test directory
// and returns its path, for --ca-file.
func (p PKI) CAFile(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: p.Chain[1]}), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// Hello is what a client sent: its stream header's default namespace, to
// and from, and the SNI and ALPN of its TLS ClientHello.
type Hello struct {
	NS, To, From string
	SNI          string
	ALPN         []string
}

// Serve listens on 127.0.0.1 until the test ends and returns the port.
// Each connection gets handle.
func Serve(t testing.TB, handle func(c net.Conn)) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				c.SetDeadline(time.Now().Add(5 * time.Second))
				handle(c)
			}()
		}
	}()
	return ln.Addr().(*net.TCPAddr).Port
}

// STARTTLS is a server that offers STARTTLS and presents p; what each
// client sent goes to hello when it is not nil.
func STARTTLS(p PKI, hello chan<- Hello) func(c net.Conn) {
	return func(c net.Conn) {
		se, dec, err := ReadHeader(c)
		if err != nil {
			return
		}
		h := Hello{NS: Attr(se, "xmlns"), To: Attr(se, "to"), From: Attr(se, "from")}
		fmt.Fprintf(c, "<?xml version='1.0'?><stream:stream xmlns='%s' xmlns:stream='http://etherx.jabber.org/streams' id='x' from='%s' version='1.0'>"+
			"<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls><dialback xmlns='urn:xmpp:features:dialback'/></stream:features>", h.NS, h.To)
		for {
			tok, err := dec.Token()
			if err != nil {
				return
			}
			if s, ok := tok.(xml.StartElement); ok && s.Name.Local == "starttls" {
				break
			}
		}
		io.WriteString(c, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
		handshake(c, p, nil, h, hello)
	}
}

// DirectTLS is a server that speaks TLS at once (XEP-0368), offering the
// ALPN protocols alpn, and presents p.
func DirectTLS(p PKI, alpn []string, hello chan<- Hello) func(c net.Conn) {
	return func(c net.Conn) { handshake(c, p, alpn, Hello{}, hello) }
}

func handshake(c net.Conn, p PKI, alpn []string, h Hello, hello chan<- Hello) {
	conf := &tls.Config{Certificates: []tls.Certificate{p.Cert}, NextProtos: alpn,
		GetConfigForClient: func(ch *tls.ClientHelloInfo) (*tls.Config, error) {
			h.SNI, h.ALPN = ch.ServerName, ch.SupportedProtos
			if hello != nil {
				hello <- h
			}
			return nil, nil
		}}
	tls.Server(c, conf).Handshake()
}

// ReadHeader reads the client's stream header.
func ReadHeader(c net.Conn) (xml.StartElement, *xml.Decoder, error) {
	dec := xml.NewDecoder(c)
	for {
		tok, err := dec.Token()
		if err != nil {
			return xml.StartElement{}, nil, err
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, dec, nil
		}
	}
}

// Attr returns an unqualified attribute of se.
func Attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}
