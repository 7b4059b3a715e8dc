// Package ossltest makes certificates with the real openssl binary, for
// tests that check the lints on certificates xmpplint did not build.
package ossltest

import (
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/citest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Require skips the test when no openssl binary is on PATH.
func Require(tb testing.TB) string {
	tb.Helper()
	path, err := exec.LookPath("openssl")
	if err != nil {
		citest.Missing(tb, "openssl not on PATH (apt-get install openssl)")
	}
	return path
}

// Run runs openssl with args in dir and fails the test on error, showing
// openssl's output.
func Run(tb testing.TB, dir string, args ...string) []byte {
	tb.Helper()
	cmd := exec.Command(Require(tb), args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		tb.Fatalf("openssl %v: %v\n%s", args, err, out)
	}
	return out
}

// SelfSigned makes a self-signed certificate with
// `openssl req -x509 -newkey ec -subj SUBJ -addext EXT...` and returns it
// parsed by zcrypto, with its PEM. subj may be "/" for an empty subject.
// Each ext is one -addext value, e.g.
// "subjectAltName=DNS:example.org,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org".
func SelfSigned(tb testing.TB, subj string, exts ...string) (*x509.Certificate, []byte) {
	tb.Helper()
	dir := tb.TempDir()
	args := []string{"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
		"-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "365", "-subj", subj}
	for _, e := range exts {
		args = append(args, "-addext", e)
	}
	Run(tb, dir, args...)
	return Load(tb, filepath.Join(dir, "cert.pem"))
}

// Load reads and parses the first certificate of a PEM file.
func Load(tb testing.TB, path string) (*x509.Certificate, []byte) {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		tb.Fatalf("%s: no PEM block", path)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return c, data
}

// Expect runs the named lints on v and checks each status against want,
// and that every finding has Details.
func Expect(tb testing.TB, v *xmpp.Cert, want map[string]lint.LintStatus) {
	tb.Helper()
	for name, st := range want {
		info, ok := xmpp.Lookup(name)
		if !ok {
			tb.Fatalf("lint %s not registered", name)
		}
		res := info.Run(v)
		if res.Status != st {
			tb.Errorf("%s = %s (%s), want %s", name, res.Status, res.Details, st)
		}
		if res.Status > lint.Pass && res.Details == "" {
			tb.Errorf("%s = %s without Details", name, res.Status)
		}
	}
}
