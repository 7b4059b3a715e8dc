package live

import (
	"bytes"
	"context"
	"net"
	"testing"

	"github.com/xmpplint/xmpplint/internal/livetest"
)

// A server presenting a certificate whose RSA modulus is encoded as a
// negative INTEGER (livetest.NegativeModulus; Prosody serves it, as OpenSSL reads the modulus unsigned): Go's TLS
// client refuses it before handing it over, and Fetch gave "TLS
// handshake: tls: failed to parse certificate from server". It now reads
// the chain off a TLS 1.2 handshake.
func TestFetchCertificateGoCannotParse(t *testing.T) {
	p, der := livetest.NegativeModulus(t)
	port := livetest.Serve(t, livetest.STARTTLS(p, nil))
	ch, err := Fetch(context.Background(), &net.Dialer{}, "localhost", ServiceServer, Endpoint{Host: "127.0.0.1", Port: port, Via: "given"}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Certs) != 1 || !bytes.Equal(ch.Certs[0], der) || ch.TLSVersion != "TLS 1.2" {
		t.Errorf("got %d certificates over %s", len(ch.Certs), ch.TLSVersion)
	}
}

// certificateMessage takes what a server sent: nothing it sends makes it
// panic or read out of bounds, and a Certificate message split over two
// records is joined.
func TestCertificateMessage(t *testing.T) {
	msg := []byte{11, 0, 0, 9, 0, 0, 6, 0, 0, 3, 'a', 'b', 'c'}
	rec := func(typ byte, b []byte) []byte {
		return append([]byte{typ, 3, 3, byte(len(b) >> 8), byte(len(b))}, b...)
	}
	hello := []byte{2, 0, 0, 2, 3, 3}
	two := append(append(rec(22, hello), rec(22, msg[:5])...), rec(22, msg[5:])...)
	certs, err := certificateMessage(two)
	if err != nil || len(certs) != 1 || string(certs[0]) != "abc" {
		t.Errorf("split message: %q %v", certs, err)
	}
	for _, b := range [][]byte{nil, {22}, rec(22, []byte{11, 0, 0, 1, 0}), rec(22, []byte{11, 0, 0, 4, 0, 0, 1, 0}), rec(22, []byte{11, 0, 0, 7, 0, 0, 4, 0, 0, 9, 1}), append(rec(20, []byte{1}), rec(22, msg)...)} {
		if certs, err := certificateMessage(b); err == nil {
			t.Errorf("%x: %q without an error", b, certs)
		}
	}
}
