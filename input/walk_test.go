package input

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tree writes files under dir: name to content; a content starting with
// "->" makes a symbolic link to the rest.
func tree(tb testing.TB, dir string, files map[string]string) {
	tb.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		var err error
		if target, ok := strings.CutPrefix(content, "->"); ok {
			err = os.Symlink(filepath.FromSlash(target), p)
		} else {
			err = os.WriteFile(p, []byte(content), 0o644)
		}
		if err != nil {
			tb.Skipf("cannot make the test tree: %v", err)
		}
	}
}

// readPaths runs Read and returns its items.
func readPaths(tb testing.TB, paths []string, stdin string, opts Options) []Item {
	tb.Helper()
	var items []Item
	err := Read(context.Background(), paths, strings.NewReader(stdin), opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		tb.Fatalf("Read: %v", err)
	}
	return items
}

// expect is an item as a walk test sees it: its input name, and either
// the certificate or a fragment of the error.
type expect struct {
	input string
	der   []byte
	err   string
}

func checkWalk(tb testing.TB, got []Item, wants []expect) {
	tb.Helper()
	if len(got) != len(wants) {
		for _, it := range got {
			tb.Logf("%s err=%v", it.Input, it.Err)
		}
		tb.Fatalf("%d items, want %d", len(got), len(wants))
	}
	for i, w := range wants {
		it := got[i]
		if it.Input != w.input {
			tb.Errorf("item %d: %s, want %s", i, it.Input, w.input)
		}
		switch {
		case w.err != "" && (it.Err == nil || !strings.Contains(it.Err.Error(), w.err)):
			tb.Errorf("%s: error %v, want one with %q", it.Input, it.Err, w.err)
		case w.err == "" && (it.Err != nil || string(it.DER) != string(w.der)):
			tb.Errorf("%s: error %v or other DER", it.Input, it.Err)
		}
	}
}

func TestReadDirectory(t *testing.T) {
	c := certs(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a.pem":          certPEM(c.leaf),
		"b/c.crt":        string(c.inter), // DER behind a PEM-ish name
		"b/d.txt":        keyPEM + certPEM(c.root),
		"b/notes.md":     "# notes\nnothing here\n",
		"b/e.der":        string(c.leaf) + string(c.other),
		"b/z/deep.cer":   certPEM(c.other),
		"b/z/up":         "->../..",
		"data.bin":       "\x89PNG\r\n\x1a\n",
		"empty.pem":      "",
		"key.pem":        keyPEM,
		"list.b64":       b64(c.leaf) + "\n", // not read: no certificate name, not PEM
		"README":         "Certificates for the tests.\n",
		"dangling.pem":   "->missing.pem",
		"link.pem":       "->b/z/deep.cer",
		"loop":           "->.",
		"self.pem":       "->self.pem",
		"zz/garbage.crt": "not a certificate\n",
	})
	j := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) + "#0" }
	got := readPaths(t, []string{dir}, "", Options{})
	checkWalk(t, got, []expect{
		{input: j("a.pem"), der: c.leaf},
		{input: j("b/c.crt"), der: c.inter},
		{input: j("b/d.txt"), der: c.root},
		{input: j("b/e.der"), der: c.leaf},
		{input: strings.TrimSuffix(j("b/e.der"), "0") + "1", der: c.other},
		{input: j("b/z/deep.cer"), der: c.other},
		{input: j("b/z/up"), err: "directory loop"},
		{input: j("dangling.pem"), err: "no such file"},
		{input: j("link.pem"), der: c.other},
		{input: j("loop"), err: "directory loop"},
		{input: j("self.pem"), err: "symbolic links"},
		{input: j("zz/garbage.crt"), err: "no PEM block"},
	})
	if !errors.Is(got[6].Err, ErrLoop) {
		t.Errorf("loop error %v is not ErrLoop", got[6].Err)
	}
}

func TestReadPathsAndStdin(t *testing.T) {
	c := certs(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a.pem":    certPEM(c.leaf),
		"notes.md": "# notes\nnothing here\n",
	})
	a, missing, notes := filepath.Join(dir, "a.pem"), filepath.Join(dir, "missing.pem"), filepath.Join(dir, "notes.md")
	got := readPaths(t, []string{a, Stdin, missing, notes, a}, b64(c.inter)+"\n"+b64(c.root)+"\n", Options{})
	checkWalk(t, got, []expect{
		{input: a + "#0", der: c.leaf},
		{input: "-#0", der: c.inter},
		{input: "-#1", der: c.root},
		{input: missing + "#0", err: missing + ": stat: no such file"},
		{input: notes + "#0", err: "not PEM, DER, base64 lines or NDJSON"},
		{input: a + "#0", der: c.leaf},
	})
	// No paths: standard input.
	checkWalk(t, readPaths(t, nil, certPEM(c.other), Options{}), []expect{{input: "-#0", der: c.other}})
}

// With a forced format, a walk also reads the files whose content has it.
func TestReadDirectoryForcedFormat(t *testing.T) {
	c := certs(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"certs.jsonl": `{"raw":"` + b64(c.leaf) + `"}` + "\n",
		"lines.txt":   b64(c.inter) + "\n",
		"notes.md":    "# notes\n",
	})
	checkWalk(t, readPaths(t, []string{dir}, "", Options{Format: FormatNDJSON}),
		[]expect{{input: filepath.Join(dir, "certs.jsonl") + "#0", der: c.leaf}})
	checkWalk(t, readPaths(t, []string{dir}, "", Options{Format: FormatBase64}),
		[]expect{{input: filepath.Join(dir, "lines.txt") + "#0", der: c.inter}})
	checkWalk(t, readPaths(t, []string{dir}, "", Options{}), nil)
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	c := certs(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a/locked.pem": certPEM(c.leaf),
		"b/x.pem":      certPEM(c.leaf),
		"c.pem":        certPEM(c.other),
	})
	locked, lockedDir := filepath.Join(dir, "a", "locked.pem"), filepath.Join(dir, "b")
	for _, p := range []string{locked, lockedDir} {
		if err := os.Chmod(p, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(p, 0o755)
	}
	checkWalk(t, readPaths(t, []string{dir}, "", Options{}), []expect{
		{input: locked + "#0", err: "permission denied"},
		{input: lockedDir + "#0", err: "permission denied"},
		{input: filepath.Join(dir, "c.pem") + "#0", der: c.other},
	})
}

// TestReadDirectoryRequests: a walk reads *.csr and *.req files, in DER
// or PEM, as it reads certificate files; other binary files stay unread.
func TestReadDirectoryRequests(t *testing.T) {
	c := certs(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a.csr":     string(c.leaf), // DER (any DER SEQUENCE frames alike)
		"b.REQ":     pemOf("CERTIFICATE REQUEST", c.other),
		"c.bin":     string(c.inter),
		"d.tbs.pem": pemOf("TBS CERTIFICATE", tbsOf(t, c.root)),
	})
	j := func(p string) string { return filepath.Join(dir, p) + "#0" }
	checkWalk(t, readPaths(t, []string{dir}, "", Options{}), []expect{
		{input: j("a.csr"), der: c.leaf},
		{input: j("b.REQ"), der: c.other},
		{input: j("d.tbs.pem"), der: tbsOf(t, c.root)},
	})
}
