package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/internal/cacorpus"
)

// TestEJBCACommand runs the External Command Validator line of docs/ca.md
// as EJBCA does: %cert% removed, the certificate as PEM on standard input.
// A good public-CA-style certificate exits 0; one with an issuer's mistake
// exits 1 and names the lint.
func TestEJBCACommand(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ca.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i := strings.Index(s, "\n```sh ejbca\n")
	if i < 0 {
		t.Fatal("docs/ca.md has no ```sh ejbca block")
	}
	line := strings.TrimSpace(strings.SplitN(s[i+len("\n```sh ejbca\n"):], "\n", 2)[0])
	fields := strings.Fields(line)
	if !strings.HasSuffix(fields[0], "/xmpplint") {
		t.Fatalf("the EJBCA command %q does not run xmpplint", line)
	}
	var args []string
	for _, f := range fields[1:] {
		if f != "%cert%" { // EJBCA removes the placeholder and writes the PEM to stdin
			args = append(args, f)
		}
	}
	good, err := cacorpus.Good(6)
	if err != nil {
		t.Fatal(err)
	}
	pemOf := func(der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	for _, is := range good {
		if r := xmpplint(t, pemOf(is.DER), args...); r.code != 0 {
			t.Errorf("%s: exit %d, want 0:\n%s%s", is.Name, r.code, r.stdout, r.stderr)
		}
	}
	for i, d := range cacorpus.Defects() {
		is, err := cacorpus.WithDefect(i, d)
		if err != nil {
			t.Fatal(err)
		}
		if r := xmpplint(t, pemOf(is.DER), args...); r.code != 1 || !strings.Contains(r.stdout, d.Lint) {
			t.Errorf("%s: exit %d, want 1 naming %s:\n%s%s", d.About, r.code, d.Lint, r.stdout, r.stderr)
		}
	}
	if r := xmpplint(t, "not a certificate\n", args...); r.code != 1 || !strings.Contains(r.stdout, "UNREADABLE") {
		t.Errorf("unreadable input: exit %d, want 1 and the record saying so:\n%s", r.code, r.stdout)
	}
}

// TestCADocRequestCommand runs docs/ca.md's `xmpplint lint --domain ...
// request.csr` on a request for the domain (exit 0) and on one for
// another domain (exit 1, e_xmpp_no_identity_for_domain).
func TestCADocRequestCommand(t *testing.T) {
	doc, err := os.ReadFile("../../docs/ca.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(doc)
	i := strings.Index(s, "\n```sh\nxmpplint lint --domain ")
	if i < 0 {
		t.Fatal("docs/ca.md has no `xmpplint lint --domain` block")
	}
	fields := strings.Fields(strings.SplitN(s[i+len("\n```sh\n"):], "\n", 2)[0])
	if fields[len(fields)-1] != "request.csr" {
		t.Fatalf("the command %v does not lint request.csr", fields)
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	for domain, want := range map[string]int{"example.org": 0, "example.net": 1} {
		csr, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{DNSNames: []string{domain}}, key)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "request.csr"), pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csr}), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Chdir(dir)
		r := xmpplint(t, "", fields[1:]...)
		if r.code != want || !strings.Contains(r.stdout, "request.csr#0  server csr") ||
			(want == 1) != strings.Contains(r.stdout, "e_xmpp_no_identity_for_domain") {
			t.Errorf("request for %s: exit %d, want %d:\n%s%s", domain, r.code, want, r.stdout, r.stderr)
		}
	}
}
