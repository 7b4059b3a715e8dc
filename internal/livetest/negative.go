package livetest

import (
	"crypto/tls"
	"crypto/x509"
	_ "embed"
	"encoding/pem"
	"testing"
)

// A certificate whose RSA modulus is encoded as a negative INTEGER (made by
// re-encoding an openssl certificate), with its key: OpenSSL reads the
// modulus unsigned, so Prosody serves it; Go's and zcrypto's parsers
// refuse it.
var (
	//go:embed testdata/negative-modulus.der
	negativeDER []byte
	//go:embed testdata/negative-modulus.key
	negativeKey []byte
)

// NegativeModulus returns that certificate as a PKI to serve (the
// certificate alone, self-signed) and its DER.
func NegativeModulus(t testing.TB) (PKI, []byte) {
	t.Helper()
	blk, _ := pem.Decode(negativeKey)
	if blk == nil {
		t.Fatal("testdata/negative-modulus.key holds no PEM block")
	}
	key, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := x509.ParseCertificate(negativeDER); err == nil {
		t.Fatal("the negative-modulus certificate parses: it no longer tests anything")
	}
	der := append([]byte(nil), negativeDER...)
	return PKI{Cert: tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, Chain: [][]byte{der}}, der
}
