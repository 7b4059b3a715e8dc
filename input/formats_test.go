package input

import (
	"bytes"
	"compress/gzip"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Test objects of the formats people hold next to certificates, built
// here so that the tests need no tool.

var (
	oidTL          = []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07}
	signedDataOID  = append(append([]byte(nil), oidTL...), 0x02)
	dataOID        = append(append([]byte(nil), oidTL...), 0x01)
	envelopedOID   = append(append([]byte(nil), oidTL...), 0x03)
	sha256AlgIDSet = tlv(0x31)
)

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// p7 builds a degenerate PKCS#7 SignedData (what `openssl crl2pkcs7
// -nocrl -certfile` writes) holding certs; none at all when certs is nil.
func p7(certs ...[]byte) []byte {
	sd := cat(tlv(0x02, 1), sha256AlgIDSet, tlv(0x30, dataOID...))
	if certs != nil {
		sd = append(sd, tlv(0xa0, cat(certs...)...)...)
	}
	sd = append(sd, tlv(0x31)...) // signerInfos
	return tlv(0x30, cat(signedDataOID, tlv(0xa0, tlv(0x30, sd...)...))...)
}

// p12 builds the start of a PKCS#12 PFX: version 3, authSafe data.
func p12() []byte {
	return tlv(0x30, cat(tlv(0x02, 3), tlv(0x30, cat(dataOID, tlv(0xa0, tlv(0x04, 1, 2, 3)...))...))...)
}

func gz(tb testing.TB, data []byte) []byte {
	tb.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// wrap splits s into lines of width characters, as base64(1) does.
func wrap(s string, width int) string {
	var b strings.Builder
	for len(s) > width {
		b.WriteString(s[:width] + "\n")
		s = s[width:]
	}
	b.WriteString(s + "\n")
	return b.String()
}

type keyDERs struct{ pkcs8, pkcs1, ec, csr, crl []byte }

func keys(tb testing.TB) keyDERs {
	tb.Helper()
	var k keyDERs
	var err error
	if k.pkcs8, err = x509.MarshalPKCS8PrivateKey(key("p8")); err != nil {
		tb.Fatal(err)
	}
	// A small, fixed RSA key: the layout matters, not the strength.
	p, q := big.NewInt(61), big.NewInt(53)
	rk := &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: new(big.Int).Mul(p, q), E: 17}, D: big.NewInt(2753), Primes: []*big.Int{p, q}}
	k.pkcs1 = x509.MarshalPKCS1PrivateKey(rk)
	ek, err := ecdsa.GenerateKey(elliptic.P256(), constReader{})
	if err != nil {
		tb.Fatal(err)
	}
	if k.ec, err = x509.MarshalECPrivateKey(ek); err != nil {
		tb.Fatal(err)
	}
	if k.csr, err = x509.CreateCertificateRequest(constReader{}, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "example.org"}}, key("csr")); err != nil {
		tb.Fatal(err)
	}
	_, ca, caKey := mint(tb, spec{cn: "CRL CA", ca: true})
	ca.KeyUsage |= x509.KeyUsageCRLSign
	if k.crl, err = x509.CreateRevocationList(constReader{}, &x509.RevocationList{Number: big.NewInt(1), ThisUpdate: epoch, NextUpdate: epoch.AddDate(0, 1, 0)}, ca, caKey); err != nil {
		tb.Fatal(err)
	}
	return k
}

// constReader is a deterministic "random" source.
type constReader struct{}

func (constReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 7
	}
	return len(p), nil
}

func TestReadContainers(t *testing.T) {
	c := certs(t)
	k := keys(t)
	bundle := p7(c.leaf, c.inter, c.root)
	tests := []struct {
		name  string
		opts  Options
		build func(d *doc)
	}{
		// PKCS#7: every certificate, in order, PEM or DER.
		{"p7b-der", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(bundle))
			d.wants = append(d.wants, ok(c.inter, 0), ok(c.root, 0))
		}},
		{"p7b-pem", Options{}, func(d *doc) {
			d.text("subject=CN=x\n")
			d.good(c.leaf, pemOf("PKCS7", bundle))
			d.wants = append(d.wants, ok(c.inter, 2), ok(c.root, 2))
			d.good(c.other, certPEM(c.other))
		}},
		{"p7b-under-certificate-label", Options{}, func(d *doc) {
			d.good(c.leaf, certPEM(p7(c.leaf, c.root)))
			d.wants = append(d.wants, ok(c.root, 1))
		}},
		{"p7b-pem-other-label", Options{}, func(d *doc) {
			d.good(c.other, pemOf("PKCS #7 SIGNED DATA", p7(c.other)))
		}},
		{"p7b-then-cert-der", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(p7(c.leaf)))
			d.goodNoLine(c.other, string(c.other))
		}},
		{"p7b-empty", Options{}, func(d *doc) { d.failNoLine(string(p7()), "in: PKCS7: no certificate") }},
		{"p7b-empty-pem", Options{}, func(d *doc) { d.failNoLine(pemOf("PKCS7", p7()), "in: PKCS7: no certificate") }},
		{"p7-enveloped", Options{}, func(d *doc) {
			d.failNoLine(string(tlv(0x30, cat(envelopedOID, tlv(0xa0, tlv(0x30)...))...)), "PKCS7: no certificate")
		}},
		{"p7b-attribute-cert", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(p7(c.leaf, tlv(0xa2, 1, 2), c.root)))
			d.wants = append(d.wants, bad("certificate choice [2] is not an X.509 certificate"), ok(c.root, 0))
		}},
		{"p7b-malformed", Options{}, func(d *doc) {
			d.failNoLine(string(tlv(0x30, cat(signedDataOID, tlv(0xa0, tlv(0x30, 0x02, 0x01)...))...)), "PKCS#7: malformed SignedData")
		}},
		{"p7b-ber", Options{}, func(d *doc) {
			d.failNoLine(string(cat([]byte{0x30, 0x80}, signedDataOID, []byte{0xa0, 0x80, 0, 0, 0, 0})), "PKCS#7 in BER", "openssl pkcs7 -inform DER -in in -print_certs")
		}},
		// PKCS#12: named with the command that extracts its certificates.
		{"p12", Options{}, func(d *doc) {
			d.failNoLine(string(p12()), "in: at byte 0: PKCS#12 key store: run `openssl pkcs12 -in in -nokeys`")
		}},
		{"p12-ber", Options{}, func(d *doc) {
			d.failNoLine(string(cat([]byte{0x30, 0x80}, tlv(0x02, 3), tlv(0x30, cat(dataOID, tlv(0xa0))...))), "PKCS#12 key store")
		}},
		{"jks", Options{}, func(d *doc) {
			d.failNoLine("\xfe\xed\xfe\xed\x00\x00\x00\x02", "in: Java KeyStore (JKS): run `keytool -list -rfc -keystore in` and lint its output")
		}},
		{"p12-base64", Options{}, func(d *doc) { d.fail(b64(p12())+"\n", "PKCS#12 key store") }},
		// Keys, requests and CRLs, DER or PEM, named as such.
		{"der-pkcs8", Options{}, func(d *doc) { d.failNoLine(string(k.pkcs8), "in: PRIVATE KEY: no certificate") }},
		{"der-pkcs1", Options{}, func(d *doc) { d.failNoLine(string(k.pkcs1), "in: RSA PRIVATE KEY: no certificate") }},
		{"der-ec", Options{}, func(d *doc) { d.failNoLine(string(k.ec), "in: EC PRIVATE KEY: no certificate") }},
		{"der-crl", Options{}, func(d *doc) { d.failNoLine(string(k.crl), "in: X509 CRL: no certificate") }},
		{"der-key-then-cert", Options{}, func(d *doc) {
			d.text(string(k.pkcs8))
			d.goodNoLine(c.leaf, string(c.leaf))
		}},
		{"der-csr", Options{}, func(d *doc) {
			// A request is an item, as a certificate is: package check
			// verifies and lints it.
			d.goodNoLine(k.csr, string(k.csr))
		}},
		{"pem-csr", Options{}, func(d *doc) {
			d.good(k.csr, pemOf("NEW CERTIFICATE REQUEST", k.csr))
			d.good(c.leaf, certPEM(c.leaf))
		}},
		{"pem-rsa-key", Options{}, func(d *doc) { d.failNoLine(pemOf("RSA PRIVATE KEY", k.pkcs1), "in: RSA PRIVATE KEY: no certificate") }},
		// Wrapped base64 DER without armour: base64(1) and openssl base64.
		{"base64-wrapped-76", Options{}, func(d *doc) {
			d.good(c.leaf, wrap(b64(c.leaf), 76))
			d.good(c.inter, wrap(b64(c.inter), 76))
		}},
		{"base64-wrapped-64", Options{}, func(d *doc) {
			d.text("# openssl base64\n")
			d.good(c.root, wrap(b64(c.root), 64))
			d.text("\n")
			d.good(c.other, b64(c.other)+"\n")
		}},
		{"base64-wrapped-p7b", Options{}, func(d *doc) {
			d.good(c.leaf, wrap(b64(bundle), 76))
			d.wants = append(d.wants, ok(c.inter, 1), ok(c.root, 1))
		}},
		{"base64-wrapped-truncated", Options{}, func(d *doc) {
			w := wrap(b64(c.leaf), 76)
			lines := strings.SplitAfter(w, "\n")
			d.fail(strings.Join(lines[:3], ""), "in:1: truncated base64 DER: 171 of", "before line 4")
			d.good(c.other, b64(c.other)+"\n")
		}},
		{"base64-wrapped-cut-by-blank", Options{}, func(d *doc) {
			w := wrap(b64(c.leaf), 76)
			lines := strings.SplitAfter(w, "\n")
			d.fail(strings.Join(lines[:2], "")+"\n", "in:1: truncated base64 DER: 114 of 340 bytes before line 3")
			d.good(c.other, b64(c.other)+"\n")
		}},
		{"base64-one-per-line-truncated", Options{}, func(d *doc) {
			// One object per line, one cut short: its line is its record,
			// and the shorter line after it is never taken as its end
			// (the benchmark corpus met this: 16 of 50,000 lost).
			whole := b64(c.leaf)
			d.fail(whole[:len(whole)/2/4*4]+"\n", "in:1: truncated base64 DER")
			d.good(c.other, b64(c.other)+"\n")
			d.good(c.leaf, whole+"\n")
		}},
		{"base64-wrapped-too-large", Options{MaxCertSize: 200}, func(d *doc) {
			d.fail(wrap(b64(c.leaf), 76), "in:1: base64 DER of", "exceeds the 200-byte limit (lines 1-6 not read)")
			small := tlv(0x30, make([]byte, 150)...)
			d.good(small, b64(small)+"\n")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var d doc
			tt.build(&d)
			checkItems(t, "in", readAll(t, "in", d.b.String(), tt.opts), d.wants)
		})
	}
}

func TestReadGzip(t *testing.T) {
	c := certs(t)
	pemText := certPEM(c.leaf) + certPEM(c.inter)
	for _, data := range [][]byte{
		gz(t, []byte(pemText)),
		gz(t, cat(c.leaf, c.inter)),
		gz(t, p7(c.leaf, c.inter)),
		gz(t, []byte(b64(c.leaf)+"\n"+wrap(b64(c.inter), 76))),
		gz(t, []byte(`{"raw":"`+b64(c.leaf)+`"}`+"\n"+`{"raw":"`+b64(c.inter)+`"}`+"\n")),
		append(gz(t, []byte(certPEM(c.leaf))), gz(t, []byte(certPEM(c.inter)))...), // two members, as cat a.gz b.gz
	} {
		checkItems(t, "in.gz", readAll(t, "in.gz", string(data), Options{}), []want{ok(c.leaf, 0), ok(c.inter, 0)})
	}
	// The name's format, without .gz, decides blank content.
	checkItems(t, "x", readAll(t, "x", string(gz(t, []byte("\n"))), Options{}), []want{bad("only blank lines and comments: no certificate")})
	checkItems(t, "x", readAll(t, "x", string(gz(t, gz(t, c.leaf))), Options{}), []want{bad("x: gzip inside gzip")})
	checkItems(t, "x", readAll(t, "x", "\x1f\x8b\x08", Options{}), []want{bad("x: gzip: ")})
	cut := gz(t, []byte(pemText))
	got := readAll(t, "x", string(cut[:len(cut)/2]), Options{})
	if last := got[len(got)-1]; last.Err == nil || !strings.Contains(last.Err.Error(), "gzip: truncated") {
		t.Fatalf("truncated gzip: %d items, last error %v", len(got), last.Err)
	}
	// A gzip bomb is an error item, decompressed no further than the cap.
	bomb := gz(t, make([]byte, gzipFloor+gzipRatio<<12))
	if gzipRatio*len(bomb) > gzipFloor {
		t.Fatalf("the bomb is not one: %d bytes compressed", len(bomb))
	}
	got = readAll(t, "bomb.gz", string(bomb), Options{Format: FormatDER})
	if len(got) != 1 || !errors.Is(got[0].Err, ErrTooLarge) || !strings.Contains(got[0].Err.Error(), "gzip bomb") {
		t.Fatalf("bomb: %d items, first error %v", len(got), got[0].Err)
	}
}

// A walk reads bundles and compressed files, and reports every file it
// skips, once, with the reason.
func TestReadDirectorySkips(t *testing.T) {
	c := certs(t)
	k := keys(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a/bundle.p7b":     string(p7(c.leaf, c.inter)),
		"a/bundle.p7c":     pemOf("PKCS7", p7(c.root)),
		"b/chain.pem.gz":   string(gz(t, []byte(certPEM(c.other)))),
		"b/notes.txt":      "hello\n",
		"b/server.key":     pemOf("PRIVATE KEY", k.pkcs8),
		"b/server.der.key": string(k.pkcs1),
		"b/store.p12":      string(p12()),
		"b/key-only.pem":   pemOf("EC PRIVATE KEY", k.ec),
		"b/empty.crt":      "",
		"c/unknown.bin":    string(c.leaf),
		"d/broken.pem.gz":  "\x1f\x8b\x08\x00",
		"d/broken.gz":      "\x1f\x8b\x08\x00",
		"d/keystore.jks":   "\xfe\xed\xfe\xed\x00\x00\x00\x02",
	})
	var skipped []string
	opts := Options{OnSkip: func(path, why string) { skipped = append(skipped, path+": "+why) }}
	checkWalk(t, readPaths(t, []string{dir}, "", opts), []expect{
		{input: filepath.Join(dir, "a", "bundle.p7b") + "#0", der: c.leaf},
		{input: filepath.Join(dir, "a", "bundle.p7b") + "#1", der: c.inter},
		{input: filepath.Join(dir, "a", "bundle.p7c") + "#0", der: c.root},
		{input: filepath.Join(dir, "b", "chain.pem.gz") + "#0", der: c.other},
		{input: filepath.Join(dir, "d", "broken.pem.gz") + "#0", err: "gzip: "},
	})
	sort.Strings(skipped)
	want := []string{
		filepath.Join(dir, "b", "empty.crt") + ": empty file",
		filepath.Join(dir, "b", "key-only.pem") + ": EC PRIVATE KEY: no certificate",
		filepath.Join(dir, "b", "notes.txt") + ": not named .pem, .crt, .cer, .der, .p7b, .p7c, .csr or .req and holds no PEM",
		filepath.Join(dir, "b", "server.der.key") + ": RSA PRIVATE KEY: no certificate",
		filepath.Join(dir, "b", "server.key") + ": PRIVATE KEY: no certificate",
		filepath.Join(dir, "b", "store.p12") + ": PKCS#12 key store: run `openssl pkcs12 -in " + filepath.Join(dir, "b", "store.p12") + " -nokeys` and lint its output",
		filepath.Join(dir, "c", "unknown.bin") + ": not named .pem, .crt, .cer, .der, .p7b, .p7c, .csr or .req and holds no PEM",
		filepath.Join(dir, "d", "broken.gz") + ": gzip: unexpected EOF",
		filepath.Join(dir, "d", "keystore.jks") + ": Java KeyStore (JKS): run `keytool -list -rfc -keystore " + filepath.Join(dir, "d", "keystore.jks") + "` and lint its output",
	}
	if strings.Join(skipped, "\n") != strings.Join(want, "\n") {
		t.Fatalf("skipped:\n%s\nwant:\n%s", strings.Join(skipped, "\n"), strings.Join(want, "\n"))
	}
	// The same directory without its certificates: one error item.
	skipped = nil
	empty := t.TempDir()
	checkWalk(t, readPaths(t, []string{filepath.Join(dir, "b", "notes.txt"), filepath.Join(dir, "c"), dir + "/b/server.key", empty}, "", opts), []expect{
		{input: filepath.Join(dir, "b", "notes.txt") + "#0", err: "not PEM, DER, base64 lines or NDJSON"},
		{input: filepath.Join(dir, "c") + "#0", err: "directory: no certificate (1 file skipped)"},
		{input: dir + "/b/server.key#0", err: "PRIVATE KEY: no certificate"},
		{input: empty + "#0", err: "empty directory: no certificate"},
	})
	if len(skipped) != 1 {
		t.Fatalf("skipped %q, want c/unknown.bin only", skipped)
	}
}

func TestReadDevNull(t *testing.T) {
	checkWalk(t, readPaths(t, []string{"/dev/null"}, "", Options{}), []expect{{input: "/dev/null#0", err: "/dev/null: empty: no certificate"}})
	checkWalk(t, readPaths(t, nil, "", Options{}), []expect{{input: "-#0", err: "-: empty: no certificate"}})
}

func TestClassify(t *testing.T) {
	c := certs(t)
	k := keys(t)
	tests := []struct {
		der  []byte
		want derKind
		key  string
	}{
		{c.leaf, kindCert, ""}, {c.root, kindCert, ""},
		{p7(c.leaf), kindPKCS7, ""}, {p7(c.leaf)[:20], kindPKCS7, ""}, {p12(), kindPKCS12, ""},
		{k.pkcs8, kindKey, "PRIVATE KEY"}, {k.pkcs1, kindKey, "RSA PRIVATE KEY"}, {k.ec, kindKey, "EC PRIVATE KEY"},
		{k.csr, kindCSR, ""}, {k.crl, kindCRL, ""},
		{nil, kindCert, ""}, {[]byte{0x30}, kindCert, ""}, {[]byte{0x30, 0x00}, kindCert, ""},
	}
	for i, tt := range tests {
		if got, key := classify(tt.der); got != tt.want || key != tt.key {
			t.Errorf("%d: %d %q, want %d %q", i, got, key, tt.want, tt.key)
		}
	}
}
