// Package xmpptest builds decoded certificate views for tests: a corpus
// case (template, change, chain, options) built on the fly, parsed with
// zcrypto, with its presented chain attached.
package xmpptest

import (
	"testing"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Cert builds c and returns the view of its leaf under c's options, with
// the intermediates as the presented chain, plus the DER of every
// certificate (leaf first).
func Cert(tb testing.TB, c corpus.Case) (*xmpp.Cert, [][]byte) {
	tb.Helper()
	if c.Name == "" {
		c.Name = "xmpptest"
	}
	ders, err := c.Build()
	if err != nil {
		tb.Fatalf("%s: %v", c.Name, err)
	}
	opts, err := c.Options()
	if err != nil {
		tb.Fatalf("%s: %v", c.Name, err)
	}
	var certs []*x509.Certificate
	for i, der := range ders {
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			tb.Fatalf("%s: certificate %d: %v", c.Name, i, err)
		}
		certs = append(certs, cert)
	}
	v := xmpp.NewCert(certs[0], opts)
	v.Chain = certs[1:]
	return v, ders
}

// Load parses the committed certificates of corpus case c (as
// go generate ./corpus wrote them) and returns the leaf and the presented
// chain.
func Load(tb testing.TB, c corpus.Case) (*x509.Certificate, []*x509.Certificate) {
	tb.Helper()
	ders, err := corpus.Load(c.Name)
	if err != nil {
		tb.Fatalf("%s: %v", c.Name, err)
	}
	var certs []*x509.Certificate
	for i, der := range ders {
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			tb.Fatalf("%s: certificate %d: %v", c.Name, i, err)
		}
		certs = append(certs, cert)
	}
	return certs[0], certs[1:]
}

// LoadView is Load with the leaf's view under opts, chain attached.
func LoadView(tb testing.TB, c corpus.Case, opts xmpp.Options) *xmpp.Cert {
	tb.Helper()
	leaf, chain := Load(tb, c)
	v := xmpp.NewCert(leaf, opts)
	v.Chain = chain
	return v
}

// Parse returns the view of a parsed leaf under opts (normalised here),
// with chain attached.
func Parse(tb testing.TB, leaf *x509.Certificate, opts xmpp.Options, chain ...*x509.Certificate) *xmpp.Cert {
	tb.Helper()
	n, err := opts.Normalize()
	if err != nil {
		tb.Fatal(err)
	}
	v := xmpp.NewCert(leaf, n)
	v.Chain = chain
	return v
}
