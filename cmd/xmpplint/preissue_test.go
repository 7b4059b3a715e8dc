package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"
)

// TestLintPreIssuanceInputs: lint reads CSRs, TBSs and precertificates
// from one PEM stream among certificates, one record each, with its kind
// in JSON and in text; a request whose signature does not verify is an
// error record and the batch goes on; --domain runs on requests too.
func TestLintPreIssuanceInputs(t *testing.T) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	csr := func(dns string) []byte {
		der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{DNSNames: []string{dns}}, key)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	cert := func(serial int64, extra ...pkix.Extension) []byte {
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), DNSNames: []string{"example.org"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}, KeyUsage: x509.KeyUsageDigitalSignature,
			ExtraExtensions: extra}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			t.Fatal(err)
		}
		return der
	}
	null, _ := asn1.Marshal(asn1.NullRawValue)
	precert := cert(2, pkix.Extension{Id: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 3}, Critical: true, Value: null})
	parsed, err := x509.ParseCertificate(cert(3))
	if err != nil {
		t.Fatal(err)
	}
	badCSR := csr("example.org")
	badCSR[len(badCSR)-3] ^= 0x01

	var in strings.Builder
	block := func(typ string, der []byte) { in.Write(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})) }
	block("CERTIFICATE REQUEST", csr("example.org"))
	block("NEW CERTIFICATE REQUEST", badCSR)
	block("CERTIFICATE REQUEST", csr("example.net"))
	block("TBS CERTIFICATE", parsed.RawTBSCertificate)
	block("CERTIFICATE", precert)
	block("CERTIFICATE", cert(4))

	r := xmpplint(t, in.String(), "lint", "--output", "ndjson", "--domain", "example.org", "-")
	recs := decodeRecords(t, r.stdout)
	wantKinds := []string{"csr", "csr", "csr", "tbs", "precertificate", "certificate"}
	if len(recs) != len(wantKinds) {
		t.Fatalf("%d records, want %d:\n%s%s", len(recs), len(wantKinds), r.stdout, r.stderr)
	}
	for i, rec := range recs {
		if rec.Kind != wantKinds[i] {
			t.Errorf("record %d (%s): kind %q, want %q", i, rec.Input, rec.Kind, wantKinds[i])
		}
		if (i == 1) != (rec.Error != "") {
			t.Errorf("record %d (%s): error %q", i, rec.Input, rec.Error)
		}
	}
	if !strings.Contains(recs[1].Error, "-#1: the certificate request's self-signature") {
		t.Errorf("bad request: %q", recs[1].Error)
	}
	for i, want := range []string{"pass", "", "error", "pass", "pass", "pass"} {
		if got := status(recs[i], "e_xmpp_no_identity_for_domain"); want != "" && got != want {
			t.Errorf("record %d: e_xmpp_no_identity_for_domain = %s, want %s", i, got, want)
		}
	}
	if r.code != 1 {
		t.Errorf("exit code %d, want 1 (an error record)", r.code)
	}

	text := xmpplint(t, in.String(), "lint", "-").stdout
	for _, want := range []string{"-#0  server csr\n", "-#3  server tbs\n", "-#4  server precertificate\n", "-#5  server\n", "self-signature"} {
		if !strings.Contains(text, want) {
			t.Errorf("text output lacks %q:\n%s", want, text)
		}
	}

	// The same inputs as base64 lines and as concatenated DER.
	var lines strings.Builder
	var der []byte
	for _, b := range [][]byte{csr("example.org"), parsed.RawTBSCertificate, precert} {
		lines.WriteString(base64.StdEncoding.EncodeToString(b) + "\n")
		der = append(der, b...)
	}
	for name, input := range map[string]string{"base64": lines.String(), "der": string(der)} {
		recs := decodeRecords(t, xmpplint(t, input, "lint", "--output", "ndjson", "-").stdout)
		if len(recs) != 3 || recs[0].Kind != "csr" || recs[1].Kind != "tbs" || recs[2].Kind != "precertificate" {
			t.Errorf("%s: %d records: %+v", name, len(recs), recs)
		}
	}
}
