package server

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBoulderWireModule runs internal/boulderwire's tests: Boulder's own
// pkimetal lint (linter/lints/... of github.com/letsencrypt/boulder) sends
// certificates to this package's server over a Unix socket and reads the
// findings back. They live in a module of their own so that xmpplint does
// not depend on Boulder; this test makes them part of `go test ./...`.
func TestBoulderWireModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds Boulder's linter in a module of its own; skipped under -short")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to test internal/boulderwire: %v", err)
	}
	cmd := exec.Command(goBin, "test", "-count=1", "./...")
	cmd.Dir = filepath.Join("..", "internal", "boulderwire")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go test in internal/boulderwire: %v\n%s", err, out)
	}
	t.Logf("internal/boulderwire:\n%s", out)
}
