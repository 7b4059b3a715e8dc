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
			tb.Fatalf("cannot make the test tree: %v", err)
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
		{input: j("loop"), err: "directory loop"},
		{input: j("self.pem"), err: "symbolic links"},
		{input: j("zz/garbage.crt"), err: "no PEM block"},
	})
	if !errors.Is(got[6].Err, ErrLoop) {
		t.Errorf("loop error %v is not ErrLoop", got[6].Err)
	}
	// link.pem leads to b/z/deep.cer, read once: its record says so.
	if n := got[5].Notes; len(n) != 1 || !strings.Contains(n[0], "skipped as already read: file "+filepath.Join(dir, "link.pem")) {
		t.Errorf("deep.cer notes %q, want one naming link.pem", n)
	}
}

// chainPath is the path a sorted walk reaches d<n> by: d0/a/a/.../a/.
func chainPath(n int) string {
	return "d0/" + strings.Repeat("a/", n)
}

// TestWalkSymlinkFanOut: each real directory is walked once and each real
// file read once per run, whatever number of links lead to them (issue 10:
// 17 levels of two links each made one certificate 65,536 records), and
// the first record of each file names the paths skipped.
func TestWalkSymlinkFanOut(t *testing.T) {
	c := certs(t)
	for _, tc := range []struct {
		name   string
		levels int
		inputs func(dir string) []string
		want   []string // inputs of the items, relative to dir
		note   string   // a fragment of the first item's note; "" for none
	}{
		{"17 levels, two links each", 17, func(d string) []string { return []string{d} },
			[]string{chainPath(17) + "leaf.pem#0"},
			" and 32 more"},
		{"a file twice in one directory", 0, func(d string) []string { return []string{filepath.Join(d, "d0")} },
			[]string{"d0/leaf.pem#0"}, "skipped as already read: file "},
		{"the same tree named twice", 2, func(d string) []string { return []string{d, filepath.Join(d, "d0")} },
			[]string{chainPath(2) + "leaf.pem#0"}, "/same.pem, directory "},
		{"a file named, then walked", 0, func(d string) []string { return []string{filepath.Join(d, "d0/leaf.pem"), d} },
			[]string{"d0/leaf.pem#0"}, ""}, // the walk reads nothing: no record takes a note
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			// d<i>/a and d<i>/b both link to d<i+1>; the last holds the
			// certificate and a link to it.
			files := map[string]string{}
			for i := 0; i < tc.levels; i++ {
				files["d"+itoa(i)+"/a"] = "->../d" + itoa(i+1)
				files["d"+itoa(i)+"/b"] = "->../d" + itoa(i+1)
			}
			last := "d" + itoa(tc.levels)
			files[last+"/leaf.pem"] = certPEM(c.leaf)
			files[last+"/same.pem"] = "->leaf.pem"
			tree(t, dir, files)
			got := readPaths(t, tc.inputs(dir), "", Options{})
			var inputs []string
			for _, it := range got {
				rel, _ := filepath.Rel(dir, strings.TrimSuffix(it.Input, "#0"))
				inputs = append(inputs, filepath.ToSlash(rel)+"#0")
			}
			if strings.Join(inputs, " ") != strings.Join(tc.want, " ") {
				t.Fatalf("items %q, want %q", inputs, tc.want)
			}
			read := got[len(got)-1]
			if tc.note == "" && len(read.Notes) > 0 || tc.note != "" && (len(read.Notes) != 1 || !strings.Contains(read.Notes[0], tc.note)) {
				t.Errorf("notes %q, want one with %q", read.Notes, tc.note)
			}
			for _, n := range read.Notes {
				if len(n) > 2000 {
					t.Errorf("a note of %d bytes", len(n))
				}
			}
		})
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
	// Auto: nothing in the directory is read, and that is an error.
	checkWalk(t, readPaths(t, []string{dir}, "", Options{}),
		[]expect{{input: dir + "#0", err: "directory: no certificate (3 files skipped)"}})
}

func TestReadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("cannot apply: root reads files with mode 0, so no file is unreadable")
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

// TestWalkNotesEarlierInputs: a walk skips what an earlier input of the
// run read, and its first record says so.
func TestWalkNotesEarlierInputs(t *testing.T) {
	c := certs(t)
	dir := t.TempDir()
	tree(t, dir, map[string]string{
		"a/leaf.pem":  certPEM(c.leaf),
		"b/other.pem": certPEM(c.other),
		"b/again.pem": "->../a/leaf.pem",
		"b/a":         "->../a",
	})
	got := readPaths(t, []string{filepath.Join(dir, "a"), filepath.Join(dir, "b")}, "", Options{})
	checkWalk(t, got, []expect{
		{input: filepath.Join(dir, "a", "leaf.pem") + "#0", der: c.leaf},
		{input: filepath.Join(dir, "b", "other.pem") + "#0", der: c.other},
	})
	want := "read once; skipped as already read: directory " + filepath.Join(dir, "b", "a") + " (walked earlier in this run), file " +
		filepath.Join(dir, "b", "again.pem") + " (read earlier in this run)"
	if len(got[0].Notes) != 0 || len(got[1].Notes) != 1 || got[1].Notes[0] != want {
		t.Errorf("notes %q and %q, want none and %q", got[0].Notes, got[1].Notes, want)
	}
}
