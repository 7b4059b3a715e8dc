package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// result is what one run of the command gave.
type result struct {
	stdout, stderr string
	code           int
}

// xmpplint runs the command as main would, with NO_COLOR unset and
// standard input from stdin.
func xmpplint(t testing.TB, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := env.dispatch(args)
	return result{out.String(), errb.String(), code}
}

// materialize writes an fs.FS to dir, so that the command reads real files.
func materialize(t testing.TB, fsys fs.FS, dir string) {
	t.Helper()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// inCorpus changes to a temporary directory holding the generated corpus
// under certs/ and the real certificates under external/, so that inputs
// are named by stable relative paths.
func inCorpus(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	materialize(t, corpus.FS(), filepath.Join(dir, "certs"))
	materialize(t, corpus.External(), filepath.Join(dir, "external"))
	t.Chdir(dir)
}

func decodeRecords(t testing.TB, ndjson string) []check.Record {
	t.Helper()
	var recs []check.Record
	sc := bufio.NewScanner(strings.NewReader(ndjson))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var r check.Record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("record %q: %v", sc.Text(), err)
		}
		recs = append(recs, r)
	}
	return recs
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/xmpplint -update)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the output; run go test ./cmd/xmpplint -update and review the diff", path)
	}
}

var goldenDir string

func TestMain(m *testing.M) {
	wd, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	goldenDir = filepath.Join(wd, "testdata", "golden")
	os.Exit(m.Run())
}

// TestGoldenCorpus drives run() over the whole generated corpus in every
// output format and compares with the golden files.
func TestGoldenCorpus(t *testing.T) {
	inCorpus(t)
	for _, out := range []string{"text", "ndjson", "json", "sarif"} {
		r := xmpplint(t, "", "lint", "--output", out, "--workers", "2", "certs")
		if r.code != exitFindings {
			t.Errorf("--output %s: exit %d, want 1 (the corpus has errors); stderr: %s", out, r.code, r.stderr)
		}
		got := strings.ReplaceAll(r.stdout, "xmpplint\",\n          \"version\": \""+buildVersion(), "xmpplint\",\n          \"version\": \"VERSION")
		golden(t, "corpus."+out, got)
	}
}

// TestEveryCertificateOneRecord checks the bundled corpus and the real
// certificates: one record per certificate, no Fatal, no lost input.
func TestEveryCertificateOneRecord(t *testing.T) {
	inCorpus(t)
	for _, dir := range []string{"certs", "external"} {
		want := 0
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".pem") {
				data, _ := os.ReadFile(p)
				want += bytes.Count(data, []byte("-----BEGIN CERTIFICATE-----"))
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		r := xmpplint(t, "", "lint", "--output", "ndjson", "--profile", "strict", dir)
		recs := decodeRecords(t, r.stdout)
		if len(recs) != want {
			t.Errorf("%s: %d records for %d certificates", dir, len(recs), want)
		}
		seen := map[string]bool{}
		for _, rec := range recs {
			if seen[rec.Input] {
				t.Errorf("%s: two records for %s", dir, rec.Input)
			}
			seen[rec.Input] = true
			for _, res := range rec.Results {
				if res.Status.String() == "fatal" {
					t.Errorf("%s: %s fatal: %s", rec.Input, res.Name, res.Details)
				}
			}
		}
		if dir == "external" && len(recs) != 192 {
			t.Errorf("external: %d records, want the 192 real certificates", len(recs))
		}
	}
}

func pemOf(t testing.TB, name string) string {
	t.Helper()
	data, err := corpus.File(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func ders(t testing.TB, name string) [][]byte {
	t.Helper()
	d, err := corpus.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestInputFormats reads the same certificates in every input format, from
// files and from standard input.
func TestInputFormats(t *testing.T) {
	dir := t.TempDir()
	leaf := ders(t, "server-base")[0]
	other := ders(t, "eku-server-auth-only")[0]
	b64 := base64.StdEncoding.EncodeToString
	files := map[string]string{
		"bundle.pem":  pemOf(t, "server-base") + "some text between blocks\n" + pemOf(t, "eku-server-auth-only"),
		"two.der":     string(leaf) + string(other),
		"lines.b64":   "# comment\n" + b64(leaf) + "\n\n" + b64(other) + "\n",
		"rows.ndjson": `{"raw":"` + b64(leaf) + `","name":"first"}` + "\n" + `{"der":"` + b64(other) + `"}` + "\n",
		"noext":       pemOf(t, "server-base") + pemOf(t, "eku-server-auth-only"),
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			for _, src := range []struct {
				label, stdin string
				args         []string
			}{
				{"file", "", []string{filepath.Join(dir, name)}},
				{"stdin-dash", content, []string{"-"}},
				{"stdin-none", content, nil},
			} {
				args := append([]string{"lint", "--output", "ndjson"}, src.args...)
				r := xmpplint(t, src.stdin, args...)
				recs := decodeRecords(t, r.stdout)
				if len(recs) != 2 {
					t.Fatalf("%s: %d records, want 2; stderr %s", src.label, len(recs), r.stderr)
				}
				if recs[0].Error != "" || recs[1].Error != "" {
					t.Fatalf("%s: errors: %q %q", src.label, recs[0].Error, recs[1].Error)
				}
				if !strings.HasSuffix(recs[0].Input, "#0") || !strings.HasSuffix(recs[1].Input, "#1") {
					t.Errorf("%s: inputs %s, %s", src.label, recs[0].Input, recs[1].Input)
				}
				if res, _ := recs[1].Results.Get("w_xmpp_s2s_eku_missing_client_auth"); res.Status.String() != "warn" {
					t.Errorf("%s: second certificate not linted as expected", src.label)
				}
				if r.code != exitOK {
					t.Errorf("%s: exit %d, want 0", src.label, r.code)
				}
			}
		})
	}
	// The NDJSON name is kept as the record's label.
	r := xmpplint(t, "", "lint", "--output", "ndjson", filepath.Join(dir, "rows.ndjson"))
	if recs := decodeRecords(t, r.stdout); len(recs) != 2 || recs[0].Label != "first" {
		t.Errorf("ndjson label not kept: %+v", recs)
	}
	// A forced format applies to every input.
	r = xmpplint(t, "", "lint", "--output", "ndjson", "--format", "base64", filepath.Join(dir, "lines.b64"))
	if recs := decodeRecords(t, r.stdout); len(recs) != 2 {
		t.Errorf("--format base64: %d records", len(recs))
	}
}

// TestBadInputMidBatch feeds good and bad certificates mixed: every input
// gets exactly one record, the bad ones with an error naming the input,
// and the run goes on.
func TestBadInputMidBatch(t *testing.T) {
	leaf := ders(t, "server-base")[0]
	b64 := base64.StdEncoding.EncodeToString
	stream := strings.Join([]string{
		b64(leaf),
		"this is not base64 !!!",
		b64(leaf[:len(leaf)/2]),          // truncated DER
		b64([]byte("0\x03\x02\x01\x00")), // DER, not a certificate
		b64(leaf),
	}, "\n") + "\n"
	r := xmpplint(t, stream, "lint", "--output", "ndjson", "--format", "base64", "-")
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 5 {
		t.Fatalf("%d records for 5 lines", len(recs))
	}
	for i, rec := range recs {
		bad := i >= 1 && i <= 3
		if bad != (rec.Error != "") {
			t.Errorf("record %d (%s): error %q", i, rec.Input, rec.Error)
		}
		if bad && !strings.Contains(rec.Error, "-") {
			t.Errorf("record %d: error does not name the input: %q", i, rec.Error)
		}
	}
	if r.code != exitFindings {
		t.Errorf("exit %d, want 1: an unreadable certificate counts as an error", r.code)
	}
	// The same in a directory with a broken file among good ones.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.pem"), []byte(pemOf(t, "server-base")), 0o644)
	os.WriteFile(filepath.Join(dir, "b.pem"), []byte("-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "c.pem"), []byte(pemOf(t, "client-base")), 0o644)
	r = xmpplint(t, "", "lint", "--output", "ndjson", dir)
	recs = decodeRecords(t, r.stdout)
	if len(recs) != 3 || recs[0].Error != "" || recs[1].Error == "" || recs[2].Error != "" {
		t.Errorf("directory with a broken file: %+v", recs)
	}
	if !strings.Contains(recs[1].Error, "b.pem") {
		t.Errorf("error does not name the file: %q", recs[1].Error)
	}
}

// TestExitCodes covers 0, 1 and 2.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	clean := write("clean.pem", pemOf(t, "server-base"))
	warn := write("warn.pem", pemOf(t, "eku-server-auth-only"))
	bad := write("error.pem", pemOf(t, "eku-client-auth-only"))
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"lint", clean}, exitOK},
		{[]string{"lint", warn}, exitOK},
		{[]string{"lint", "--fail-on", "warn", warn}, exitFindings},
		{[]string{"lint", "--fail-on", "notice", clean}, exitOK},
		{[]string{"lint", bad}, exitFindings},
		{[]string{"lint", "--exclude-names", "e_xmpp_server_eku_client_auth_only", bad}, exitOK},
		{[]string{"lint", filepath.Join(dir, "missing.pem")}, exitUsage},
		{[]string{"lint", "--no-such-flag", clean}, exitUsage},
		{[]string{"lint", "--fail-on", "loud", clean}, exitUsage},
		{[]string{"lint", "--profile", "nope", clean}, exitUsage},
		{[]string{"lint", "--include-names", "e_xmpp_nope", clean}, exitUsage},
		{[]string{"lint", "--include-sources", "nope", clean}, exitUsage},
		{[]string{"lint", "--role", "admin", clean}, exitUsage},
		{[]string{"lint", "--domain", "exa mple.org", clean}, exitUsage},
		{[]string{"lint", "--output", "xml", clean}, exitUsage},
		{[]string{"frobnicate"}, exitUsage},
		{nil, exitUsage},
		{[]string{"version"}, exitOK},
		{[]string{"lints"}, exitOK},
		{[]string{"explain", "w_xmpp_s2s_eku_missing_client_auth"}, exitOK},
		{[]string{"explain", "w_xmpp_nope"}, exitUsage},
	} {
		if r := xmpplint(t, "", c.args...); r.code != c.want {
			t.Errorf("xmpplint %v: exit %d, want %d\nstderr: %s", c.args, r.code, c.want, r.stderr)
		}
	}
}

// TestChainRecords lints a fullchain: the leaf's record lists its chain,
// each CA certificate gets a record of its own with role ca.
func TestChainRecords(t *testing.T) {
	var name string
	for _, c := range corpus.Cases() {
		if len(c.Chain) >= 1 {
			name = c.Name
			break
		}
	}
	if name == "" {
		t.Fatal("no chain case in the corpus: this test needs one")
	}
	n := len(ders(t, name))
	r := xmpplint(t, pemOf(t, name), "lint", "--output", "ndjson", "-")
	recs := decodeRecords(t, r.stdout)
	if len(recs) != n {
		t.Fatalf("%d records for %d certificates", len(recs), n)
	}
	if len(recs[0].Chain) != n-1 {
		t.Errorf("leaf chain %v, want %d CA certificates", recs[0].Chain, n-1)
	}
	for _, rec := range recs[1:] {
		if rec.Role != "ca" || rec.ChainOf != recs[0].Input {
			t.Errorf("%s: role %q chain_of %q", rec.Input, rec.Role, rec.ChainOf)
		}
	}
}

// TestHelp: -h, --help and help COMMAND print the command's help on
// standard output with one layout, and exit 0.
func TestHelp(t *testing.T) {
	for _, cmd := range []string{"lint", "audit", "check", "merge", "lints", "explain", "version"} {
		for _, args := range [][]string{{cmd, "-h"}, {cmd, "--help"}, {"help", cmd}, {cmd, "-help"}} {
			r := xmpplint(t, "", args...)
			if r.code != exitOK || !strings.Contains(r.stdout, "Usage:\n  xmpplint "+cmd) || r.stderr != "" {
				t.Errorf("%v: exit %d, stdout %.80q, stderr %.80q", args, r.code, r.stdout, r.stderr)
			}
		}
	}
	r := xmpplint(t, "", "lint", "-h")
	for _, want := range []string{"--domain", "--fail-on", "--include-names", "Examples:"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("lint -h does not mention %s", want)
		}
	}
}

// TestWithZlint: --with-zlint merges zlint's own results into each record,
// sorted by name with xmpplint's, every one found by Get, and the JSON
// object lists the names in that order.
func TestWithZlint(t *testing.T) {
	r := xmpplint(t, pemOf(t, "eku-server-auth-only"), "lint", "--with-zlint", "--output", "ndjson", "-")
	if r.code == exitUsage { // zlint's own lints find errors in a test certificate: exit 1 is fine
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	rs := recs[0].Results
	ours, theirs := 0, 0
	for i, res := range rs {
		if i > 0 && rs[i-1].Name >= res.Name {
			t.Fatalf("results not sorted: %s before %s", rs[i-1].Name, res.Name)
		}
		if _, ok := xmpp.Lookup(res.Name); ok {
			ours++
		} else {
			theirs++
		}
		if got, ok := rs.Get(res.Name); !ok || got != res.Result {
			t.Errorf("Get(%s) = %v, %v", res.Name, got, ok)
		}
	}
	if ours == 0 || theirs < 100 {
		t.Errorf("%d xmpplint and %d zlint results: want both", ours, theirs)
	}
	if res, _ := rs.Get("w_xmpp_s2s_eku_missing_client_auth"); res.Status.String() != "warn" {
		t.Errorf("w_xmpp_s2s_eku_missing_client_auth = %v", res)
	}
	// The line itself: keys in sorted order, as encoding/json writes a map.
	line := strings.TrimSpace(r.stdout)
	prev := -1
	for _, res := range rs {
		at := strings.Index(line, `"`+res.Name+`":{"result"`)
		if at <= prev {
			t.Fatalf("%s out of order in the JSON line", res.Name)
		}
		prev = at
	}
}
