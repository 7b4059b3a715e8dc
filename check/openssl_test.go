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

// fuzzInputs returns the committed inputs of FuzzDecode and
// FuzzDecodeExtension (testdata/fuzz), as the certificates they test.
func fuzzInputs(t *testing.T) map[string][]byte {
	t.Helper()
	base := extensionFuzzBase(t)
	out := map[string][]byte{}
	for _, target := range []string{"FuzzDecode", "FuzzDecodeExtension"} {
		dir := filepath.Join("testdata", "fuzz", target)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			vals, err := fuzzValues(string(data))
			if err != nil {
				t.Fatalf("%s/%s: %v", target, e.Name(), err)
			}
			name := target + "/" + e.Name()
			switch {
			case target == "FuzzDecode" && len(vals) == 1:
				out[name] = vals[0].([]byte)
			case target == "FuzzDecodeExtension" && len(vals) == 3:
				which, _ := vals[0].(int)
				critical, _ := vals[1].(bool)
				value, _ := vals[2].([]byte)
				der, err := withExtension(base, fuzzExtensions[which%len(fuzzExtensions)], critical, value)
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				out[name] = der
			default:
				t.Fatalf("%s: %d values", name, len(vals))
			}
		}
	}
	return out
}

// fuzzValues reads a "go test fuzz v1" file holding []byte, byte, uint8
// and bool values.
func fuzzValues(data string) ([]any, error) {
	lines := strings.Split(strings.TrimSpace(data), "\n")
	if len(lines) < 2 || lines[0] != "go test fuzz v1" {
		return nil, fmt.Errorf("not a go test fuzz v1 file")
	}
	var vals []any
	for _, l := range lines[1:] {
		open := strings.IndexByte(l, '(')
		if open < 0 || !strings.HasSuffix(l, ")") {
			return nil, fmt.Errorf("bad line %q", l)
		}
		typ, arg := l[:open], l[open+1:len(l)-1]
		switch typ {
		case "[]byte":
			s, err := strconv.Unquote(arg)
			if err != nil {
				return nil, err
			}
			vals = append(vals, []byte(s))
		case "byte":
			r, _, _, err := strconv.UnquoteChar(strings.Trim(arg, "'"), '\'')
			if err != nil {
				return nil, err
			}
			vals = append(vals, int(r))
		case "uint8":
			n, err := strconv.ParseUint(arg, 0, 8)
			if err != nil {
				return nil, err
			}
			vals = append(vals, int(n))
		case "bool":
			vals = append(vals, arg == "true")
		default:
			return nil, fmt.Errorf("type %s", typ)
		}
	}
	return vals, nil
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
			t.Logf("%s: xmpplint reads it (notes %q), openssl refuses it: %s", name, rec.Notes, firstLine(stderr.String()))
		default:
			neither++
		}
	}
	t.Logf("%d inputs: %d read by both, %d by openssl only, %d by xmpplint only, %d by neither", len(inputs), both, onlyOpenSSL, onlyXmpplint, neither)
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
