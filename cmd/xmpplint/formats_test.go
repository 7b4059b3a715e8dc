package main

import (
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Inputs people hold, run the way a user runs them: each certificate they
// hold is read, and each input that holds none is an error record naming
// what it holds.

func derTLV(tag byte, content ...byte) []byte {
	n := len(content)
	switch {
	case n < 0x80:
		return append([]byte{tag, byte(n)}, content...)
	case n < 0x100:
		return append([]byte{tag, 0x81, byte(n)}, content...)
	}
	return append([]byte{tag, 0x82, byte(n >> 8), byte(n)}, content...)
}

// pkcs7Of is what `openssl crl2pkcs7 -nocrl -certfile` writes.
func pkcs7Of(certs ...[]byte) []byte {
	dataOID := []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01}
	signedOID := []byte{0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02}
	sd := append(derTLV(0x02, 1), derTLV(0x31)...)
	sd = append(sd, derTLV(0x30, dataOID...)...)
	sd = append(sd, derTLV(0xa0, bytes.Join(certs, nil)...)...)
	sd = append(sd, derTLV(0x31)...)
	return derTLV(0x30, append(signedOID, derTLV(0xa0, derTLV(0x30, sd...)...)...)...)
}

func wrap76(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\n")
		s = s[76:]
	}
	return b.String() + s + "\n"
}

func gzipped(t *testing.T, data []byte) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestFormatsPeopleHold(t *testing.T) {
	dir := t.TempDir()
	leaf := ders(t, "server-base")[0]
	other := ders(t, "eku-server-auth-only")[0]
	_, sk, _ := ed25519.GenerateKey(bytes.NewReader(make([]byte, 64)))
	keyDER, err := x509.MarshalPKCS8PrivateKey(sk)
	if err != nil {
		t.Fatal(err)
	}
	csrDER, err := x509.CreateCertificateRequest(nil, &x509.CertificateRequest{Subject: pkix.Name{CommonName: "example.org"}}, sk)
	if err != nil {
		t.Fatal(err)
	}
	p12 := derTLV(0x30, append(derTLV(0x02, 3), derTLV(0x30, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01, 0xa0, 0x00)...)...)
	b64 := base64.StdEncoding.EncodeToString
	pemBlock := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	files := map[string]string{
		"bundle.p7b":  string(pkcs7Of(leaf, other)),
		"bundle.p7c":  pemBlock("PKCS7", pkcs7Of(leaf, other)),
		"two.pem.gz":  string(gzipped(t, []byte(pemOf(t, "server-base")+pemOf(t, "eku-server-auth-only")))),
		"wrapped.b64": wrap76(b64(leaf)) + wrap76(b64(other)),
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		r := xmpplint(t, "", "lint", "--output", "ndjson", p)
		recs := decodeRecords(t, r.stdout)
		if len(recs) != 2 || recs[0].Error != "" || recs[1].Error != "" || recs[0].Input != p+"#0" || recs[1].Input != p+"#1" {
			t.Errorf("%s: %d records, exit %d: %s%s", name, len(recs), r.code, r.stdout, r.stderr)
		}
	}
	// Standard input too: `base64 leaf.der | xmpplint lint`.
	if r := xmpplint(t, wrap76(b64(leaf)), "lint", "--output", "ndjson"); len(decodeRecords(t, r.stdout)) != 1 || strings.Contains(r.stdout, `"error"`) {
		t.Errorf("wrapped base64 on stdin: %s%s", r.stdout, r.stderr)
	}

	empty := filepath.Join(dir, "empty")
	os.Mkdir(empty, 0o755)
	nothing := map[string]string{
		"server.key": pemBlock("PRIVATE KEY", keyDER),
		"key.der":    string(keyDER),
		"store.p12":  string(p12),
		"none.p7b":   string(pkcs7Of()),
	}
	want := map[string]string{
		"server.key": "PRIVATE KEY: no certificate",
		"key.der":    "PRIVATE KEY: no certificate",
		"store.p12":  "PKCS#12 key store: run `openssl pkcs12 -in " + filepath.Join(dir, "store.p12") + " -nokeys`",
		"none.p7b":   "PKCS7: no certificate",
		"/dev/null":  "/dev/null: empty: no certificate",
		empty:        "empty directory: no certificate",
	}
	for name, content := range nothing {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Requests are linted as what they ask for (docs/ca.md), in PEM and DER.
	for name, content := range map[string]string{"server.csr": pemBlock("CERTIFICATE REQUEST", csrDER), "csr.der": string(csrDER)} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		r := xmpplint(t, "", "lint", "--output", "ndjson", "--fail-on", "none", p)
		recs := decodeRecords(t, r.stdout)
		if len(recs) != 1 || recs[0].Error != "" || recs[0].Kind != "csr" || r.code != exitOK {
			t.Errorf("%s: exit %d, records %s, want one csr record", name, r.code, r.stdout)
		}
	}
	for name, msg := range want {
		p := name
		if !filepath.IsAbs(p) {
			p = filepath.Join(dir, name)
		}
		r := xmpplint(t, "", "lint", "--output", "ndjson", p)
		recs := decodeRecords(t, r.stdout)
		if len(recs) != 1 || !strings.Contains(recs[0].Error, msg) || strings.Contains(recs[0].Error, "asn1:") || r.code == exitOK {
			t.Errorf("%s: exit %d, records %s, want one error with %q", name, r.code, r.stdout, msg)
		}
	}
}

// Files a directory walk does not read are counted and named: in the text
// output of lint, on standard error for machine output and for audit.
func TestSkippedFilesNoted(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"leaf.pem":          pemOf(t, "server-base"),
		"server.key":        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n",
		"README.txt":        "hello\n",
		"evil\x1b[2J.txt":   "hello\n",
		"sub/store.p12":     "\x30\x0a\x02\x01\x03\x30\x05\x06\x03\x2a\x86\x48",
		"sub/other.crt.txt": "not a cert\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	r := xmpplint(t, "", "lint", "--color", "never", dir)
	for _, frag := range []string{
		"note 5 files in directories skipped, not read as certificates:\n",
		"  not named .pem, .crt, .cer, .der, .p7b, .p7c, .csr or .req and holds no PEM (3): " + filepath.Join(dir, "README.txt") + ", " + strconv.Quote(filepath.Join(dir, "evil\x1b[2J.txt")) + ", " + filepath.Join(dir, "sub", "other.crt.txt") + "\n",
		"  PRIVATE KEY: no certificate (1): " + filepath.Join(dir, "server.key") + "\n",
		"  PKCS#12 key store: run `openssl pkcs12 -in " + filepath.Join(dir, "sub", "store.p12") + " -nokeys` and lint its output (1): " + filepath.Join(dir, "sub", "store.p12") + "\n",
	} {
		if !strings.Contains(r.stdout, frag) {
			t.Errorf("lint text lacks %q:\n%s", frag, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "\x1b") || r.code != exitOK {
		t.Errorf("exit %d; raw escape in output: %q", r.code, r.stdout)
	}
	r = xmpplint(t, "", "lint", "--output", "ndjson", dir)
	if len(decodeRecords(t, r.stdout)) != 1 || !strings.Contains(r.stderr, "xmpplint: note: 5 files in directories skipped") {
		t.Errorf("lint ndjson: stdout %s stderr %s", r.stdout, r.stderr)
	}
	r = xmpplint(t, "", "audit", "--progress", "never", dir)
	if !strings.Contains(r.stderr, "xmpplint: note: 5 files in directories skipped") || !strings.Contains(r.stderr, "PRIVATE KEY: no certificate (1): "+filepath.Join(dir, "server.key")) {
		t.Errorf("audit: stderr %s", r.stderr)
	}
}

// A large tree of other files gives a short note: grouped by reason, the
// first files named, the rest counted.
func TestSkipNoteBounded(t *testing.T) {
	var s skipList
	for i := 0; i < 1000; i++ {
		s.add(filepath.Join("src", strings.Repeat("x", i%7)+".go"), "not a certificate file")
	}
	for i := 0; i < 30; i++ {
		s.add("k.p12", "reason "+strings.Repeat("r", i))
	}
	note := s.note()
	if lines := strings.Count(note, "\n"); lines != 11 || !strings.HasPrefix(note, "1030 files in directories skipped") ||
		!strings.Contains(note, "not a certificate file (1000): src/.go, src/x.go, src/xx.go, src/xxx.go, src/xxxx.go and 995 more") ||
		!strings.HasSuffix(note, "\n  21 for other reasons") {
		t.Errorf("note of %d lines:\n%s", lines, note)
	}
}
