package lints_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestImportFromAnotherModule builds and runs a program in a module of its
// own that imports xmpplint's lints package and zlint, as the README shows,
// and checks that zlint.LintCertificate runs the xmpplint lints.
func TestImportFromAnotherModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a separate module (network-free, but slow); skipped under -short")
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	out, err := exec.Command(goBin, "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	root := strings.TrimSpace(string(out))
	dir := t.TempDir()
	gomod := "module example.com/capipeline\n\ngo 1.26\n\n" +
		"require github.com/xmpplint/xmpplint v0.0.0\n\n" +
		"replace github.com/xmpplint/xmpplint => " + root + "\n"
	mainGo := `package main

import (
	"encoding/pem"
	"fmt"
	"os"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"

	_ "github.com/xmpplint/xmpplint/lints"
)

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	block, _ := pem.Decode(data)
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		panic(err)
	}
	rs := zlint.LintCertificate(cert)
	fmt.Println(rs.Results["w_xmpp_s2s_eku_missing_client_auth"].Status, rs.Results["e_sub_cert_aia_missing"] != nil)
}
`
	for name, content := range map[string]string{"go.mod": gomod, "main.go": mainGo} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	cert := filepath.Join(root, "corpus", "certs", "eku-server-auth-only.pem")
	cmd := exec.Command(goBin, "run", ".", cert)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	got, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go run in a separate module: %v\n%s", err, got)
	}
	if strings.TrimSpace(string(got)) != "warn true" {
		t.Errorf("program printed %q, want \"warn true\" (xmpplint's lint ran next to zlint's)", got)
	}
}
