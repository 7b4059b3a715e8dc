package check_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
)

// opensslBinary returns the openssl binary; without one the test skips,
// and fails under CI=true, where it must run.
func opensslBinary(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("openssl")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("openssl not on PATH (CI=true: this test must run)")
		}
		t.Skip("openssl not on PATH")
	}
	return path
}

// fuzzInputs reads the committed inputs of FuzzDecode (testdata/fuzz),
// in the "go test fuzz v1" format with one []byte value.
func fuzzInputs(t *testing.T) map[string][]byte {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	entries, err := os.ReadDir(dir)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(strings.TrimSpace(string(data)), "\n", 2)
		if len(lines) != 2 || lines[0] != "go test fuzz v1" || !strings.HasPrefix(lines[1], "[]byte(") || !strings.HasSuffix(lines[1], ")") {
			t.Fatalf("%s: not a go test fuzz v1 file with one []byte", e.Name())
		}
		s, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "[]byte("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", e.Name(), err)
		}
		out["fuzz/"+e.Name()] = []byte(s)
	}
	return out
}

// TestUnreadableOnlyWhereOpenSSLRefuses checks the decoder's promise with
// the real openssl binary: a certificate of corpus/external or of the fuzz
// corpus that xmpplint gives an error record is one that
// `openssl x509 -inform DER -noout` refuses as well.
func TestUnreadableOnlyWhereOpenSSLRefuses(t *testing.T) {
	openssl := opensslBinary(t)
	ch, err := check.New(check.Config{Federation: true})
	if err != nil {
		t.Fatal(err)
	}
	inputs := fuzzInputs(t)
	for i, der := range dersOf(t, corpus.External()) {
		inputs[fmt.Sprintf("external/%d", i)] = der
	}
	dir := t.TempDir()
	var both, onlyOpenSSL, onlyXmpplint, neither int
	for name, der := range inputs {
		file := filepath.Join(dir, "cert.der")
		if err := os.WriteFile(file, der, 0o600); err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd := exec.Command(openssl, "x509", "-inform", "DER", "-noout", "-in", file)
		cmd.Stderr = &stderr
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatal(err)
		}
		opensslReads := err == nil
		rec := ch.CheckOne(check.Cert{Input: name, DER: der})
		xmpplintReads := rec.Error == ""
		switch {
		case opensslReads && xmpplintReads:
			both++
		case opensslReads:
			onlyOpenSSL++
			t.Errorf("%s: openssl reads it, xmpplint gives an error record: %s", name, rec.Error)
		case xmpplintReads:
			onlyXmpplint++
		default:
			neither++
		}
	}
	t.Logf("%d inputs: %d read by both, %d by openssl only, %d by xmpplint only, %d by neither", len(inputs), both, onlyOpenSSL, onlyXmpplint, neither)
}
