package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// The tests in this file run the command line the way the users of issue
// 8 did: flags after paths, zlint's spellings, help and completion,
// --with-zlint over the whole corpus, --config tables, runs that lint
// nothing.

// certFile writes the corpus case name to dir and returns its path.
func certFile(t *testing.T, dir, name string) string {
	t.Helper()
	p := filepath.Join(dir, name+".pem")
	if err := os.WriteFile(p, []byte(pemOf(t, name)), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func oneRecord(t *testing.T, r result) map[string]string {
	t.Helper()
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1; exit %d, stderr %s", len(recs), r.code, r.stderr)
	}
	out := map[string]string{}
	for _, res := range recs[0].Results {
		out[res.Name] = res.Status.String()
	}
	return out
}

// TestFlagsAnywhere: flags after the paths are flags, -- ends them, and
// merge takes --summary after its files, as the README writes it.
func TestFlagsAnywhere(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	leaf := certFile(t, dir, "eku-server-auth-only")
	before := oneRecord(t, xmpplint(t, "", "lint", "--domain", "example.org", "--output", "ndjson", leaf))
	after := oneRecord(t, xmpplint(t, "", "lint", leaf, "--domain", "example.org", "--output", "ndjson"))
	if before["e_xmpp_no_identity_for_domain"] == "NA" || len(before) != len(after) {
		t.Errorf("--domain before the path: identity lint %s; %d and %d results", before["e_xmpp_no_identity_for_domain"], len(before), len(after))
	}
	for name, st := range before {
		if after[name] != st {
			t.Errorf("%s: %s with --domain before the path, %s after", name, st, after[name])
		}
	}
	// After --, a name starting with - is a file.
	if err := os.WriteFile("-odd.pem", []byte(pemOf(t, "server-base")), 0o644); err != nil {
		t.Fatal(err)
	}
	r := xmpplint(t, "", "lint", "--output", "ndjson", "--", "-odd.pem")
	if recs := decodeRecords(t, r.stdout); r.code != exitOK || len(recs) != 1 || recs[0].Input != "-odd.pem#0" {
		t.Errorf("-- -odd.pem: exit %d, %d records: %s", r.code, len(recs), r.stderr)
	}
	// merge s0.json s1.json --summary text, from the README.
	for _, sh := range []string{"0/2", "1/2"} {
		out := "s" + sh[:1] + ".json"
		if r := xmpplint(t, "", "audit", leaf, leaf, "--shard", sh, "--summary", "json", "--summary-out", out); r.code != exitOK {
			t.Fatalf("audit --shard %s: exit %d: %s", sh, r.code, r.stderr)
		}
	}
	r = xmpplint(t, "", "merge", "s0.json", "s1.json", "--summary", "text")
	if r.code != exitOK || !strings.Contains(r.stdout, "2 certificates") {
		t.Errorf("merge ... --summary text: exit %d, stdout %.200q, stderr %s", r.code, r.stdout, r.stderr)
	}
}

// TestZlintSpellings: zlint's single-dash flags, and Go-style single-dash
// long flags, mean what the xmpplint spelling means.
func TestZlintSpellings(t *testing.T) {
	dir := t.TempDir()
	leaf := certFile(t, dir, "eku-server-auth-only")
	const name = "w_xmpp_s2s_eku_missing_client_auth"
	for _, args := range [][]string{
		{"lint", "-includeNames", name, "-output", "ndjson", leaf},
		{"lint", "-includeNames=" + name, "--output=ndjson", leaf},
		{"lint", leaf, "-nameFilter", "^" + name + "$", "-output", "ndjson"},
	} {
		got := oneRecord(t, xmpplint(t, "", args...))
		if len(got) != 1 || got[name] != "warn" {
			t.Errorf("%v: results %v", args, got)
		}
	}
	got := oneRecord(t, xmpplint(t, "", "lint", "-excludeNames", name, "-output", "ndjson", leaf))
	if _, ok := got[name]; ok || len(got) < 10 {
		t.Errorf("-excludeNames: %d results, %s %q", len(got), name, got[name])
	}
	got = oneRecord(t, xmpplint(t, "", "lint", "-includeSources", "interop", "-output", "ndjson", leaf))
	for n := range got {
		if info, _ := xmpp.Lookup(n); info.Source != xmpp.SourceInterop {
			t.Errorf("-includeSources interop ran %s (%s)", n, info.Source)
		}
	}
	r := xmpplint(t, "", "-list-profiles")
	for _, p := range xmpp.Profiles {
		if r.code != exitOK || !strings.Contains(r.stdout, p.Name) {
			t.Errorf("-list-profiles: exit %d, no %s in %q", r.code, p.Name, r.stdout)
		}
	}
	r = xmpplint(t, "", "-exampleConfig")
	if r.code != exitOK || !strings.Contains(r.stdout, "xmpp_domains") {
		t.Errorf("-exampleConfig: exit %d: %q", r.code, r.stdout)
	}
	r = xmpplint(t, "", "-list-lints-json")
	if lines := strings.Count(r.stdout, "\n"); r.code != exitOK || lines != len(xmpp.All()) {
		t.Errorf("-list-lints-json: exit %d, %d lines", r.code, lines)
	}
	for _, v := range []string{"-version", "--version"} {
		if r := xmpplint(t, "", v); r.code != exitOK || !strings.HasPrefix(r.stdout, "xmpplint ") {
			t.Errorf("%s: exit %d: %q", v, r.code, r.stdout)
		}
	}
}

// TestSuggestions: a misspelt flag or command is a usage error naming the
// nearest one.
func TestSuggestions(t *testing.T) {
	dir := t.TempDir()
	leaf := certFile(t, dir, "server-base")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lint", leaf, "--domian", "example.org"}, "did you mean --domain?"},
		{[]string{"audit", "--summray", "json", leaf}, "did you mean --summary?"},
		{[]string{"lnt", leaf}, `unknown command "lnt" for "xmpplint" (did you mean lint or lints?)`},
		{[]string{"lint", "--include-names", "w_xmpp_s2s_eku_missing_clientauth", leaf}, "did you mean w_xmpp_s2s_eku_missing_client_auth?"},
		{[]string{"lint", "--include-sources", "xepp", leaf}, "did you mean xep?"},
		{[]string{"lint", "--profile", "webpky", leaf}, "unknown profile"},
		{[]string{"lints", "--profile", "webpky"}, "did you mean webpki?"},
		{[]string{"explain", "w_xmpp_s2s_eku_missing_clientauth"}, "w_xmpp_s2s_eku_missing_client_auth"},
	} {
		r := xmpplint(t, "", c.args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q, want %q", c.args, r.code, r.stderr, c.want)
		}
	}
}

// TestCompletion: the completion scripts, and the completions they ask
// the program for: lint names, profiles, sources.
func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish", "powershell"} {
		r := xmpplint(t, "", "completion", sh)
		if r.code != exitOK || !strings.Contains(r.stdout, "xmpplint") {
			t.Errorf("completion %s: exit %d, %d bytes: %s", sh, r.code, len(r.stdout), r.stderr)
		}
	}
	complete := func(args ...string) []string {
		r := xmpplint(t, "", append([]string{"__complete"}, args...)...)
		var out []string
		for _, line := range strings.Split(r.stdout, "\n") {
			if line != "" && !strings.HasPrefix(line, ":") {
				name, _, _ := strings.Cut(line, "\t")
				out = append(out, name)
			}
		}
		return out
	}
	has := func(list []string, want ...string) bool {
		for _, w := range want {
			found := false
			for _, l := range list {
				found = found || l == w
			}
			if !found {
				return false
			}
		}
		return true
	}
	if got := complete("lint", "--include-names", "w_xmpp_s2s_eku"); !has(got, "w_xmpp_s2s_eku_missing_client_auth") {
		t.Errorf("--include-names w_xmpp_s2s_eku: %v", got)
	}
	if got := complete("audit", "--exclude-names", "e_xmpp_dnsid_malformed,w_xmpp_s2s_eku"); !has(got, "e_xmpp_dnsid_malformed,w_xmpp_s2s_eku_missing_client_auth") {
		t.Errorf("second name of a list: %v", got)
	}
	if got := complete("lint", "--with-zlint", "--exclude-names", "e_ext_san_other"); !has(got, "e_ext_san_other_name_present") {
		t.Errorf("zlint's names with --with-zlint: %v", got)
	}
	if got := complete("lint", "--profile", ""); !has(got, "xmpp", "webpki", "strict", "ca") {
		t.Errorf("--profile: %v", got)
	}
	if got := complete("check", "--include-sources", ""); !has(got, xmpp.SourceNames()...) {
		t.Errorf("--include-sources: %v", got)
	}
	if got := complete("explain", "e_xmpp_dnsid"); !has(got, "e_xmpp_dnsid_malformed") {
		t.Errorf("explain: %v", got)
	}
	if got := complete("l"); !has(got, "lint", "lints") {
		t.Errorf("commands: %v", got)
	}
}

// TestWithZlintNoFatal: every certificate of the corpus, generated and
// real, with zlint's lints: none of them (nor ours) is fatal. Without a
// --config, zlint's configurable lints used to get a zero Configuration
// and panic on every certificate.
func TestWithZlintNoFatal(t *testing.T) {
	inCorpus(t)
	r := xmpplint(t, "", "lint", "--with-zlint", "--output", "ndjson", "--fail-on", "none", "certs", "external")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	recs := decodeRecords(t, r.stdout)
	fatal := map[string]int{}
	zlintRun := 0
	for _, rec := range recs {
		for _, res := range rec.Results {
			if res.Status == lint.Fatal {
				fatal[res.Name]++
			}
			if isZlintLint(res.Name) {
				zlintRun++
			}
		}
	}
	if len(recs) < 300 || zlintRun < 100*len(recs) || len(fatal) > 0 {
		t.Errorf("%d records, %d zlint results; fatal: %v", len(recs), zlintRun, fatal)
	}
}

// TestWithZlintFilters: the name and source filters reach zlint's lints.
func TestWithZlintFilters(t *testing.T) {
	dir := t.TempDir()
	leaf := certFile(t, dir, "eku-server-auth-only")
	const other = "e_ext_san_other_name_present"
	source := func(name string) lint.LintSource {
		if info, ok := xmpp.Lookup(name); ok {
			return info.Source
		}
		return lint.GlobalRegistry().CertificateLints().ByName(name).Source
	}
	run := func(args ...string) map[string]string {
		return oneRecord(t, xmpplint(t, "", append([]string{"lint", "--with-zlint", "--output", "ndjson", leaf}, args...)...))
	}
	all := run()
	if all[other] != "error" {
		t.Fatalf("%s = %q without filters", other, all[other])
	}
	if got := run("--exclude-names", other); len(got) != len(all)-1 || got[other] != "" {
		t.Errorf("--exclude-names %s: %d of %d results, %q", other, len(got), len(all), got[other])
	}
	if got := run("--include-names", other+",w_xmpp_s2s_eku_missing_client_auth"); len(got) != 2 || got[other] != "error" {
		t.Errorf("--include-names: %v", got)
	}
	if got := run("--include-names", other); len(got) != 1 {
		t.Errorf("--include-names of zlint's only: %v", got)
	}
	got := run("--exclude-sources", "cabf")
	for n := range got {
		if s := source(n); strings.HasPrefix(string(s), "CABF") || s == xmpp.SourceCABF {
			t.Errorf("--exclude-sources cabf ran %s (%s)", n, s)
		}
	}
	if len(got) >= len(all) || got[other] != "" {
		t.Errorf("--exclude-sources cabf: %d of %d results, %s %q", len(got), len(all), other, got[other])
	}
	got = run("--include-sources", "rfc")
	for n := range got {
		if s := source(n); !strings.HasPrefix(string(s), "RFC") && s != xmpp.SourceRFC {
			t.Errorf("--include-sources rfc ran %s (%s)", n, s)
		}
	}
	if len(got) < 20 {
		t.Errorf("--include-sources rfc: %d results", len(got))
	}
	got = run("--include-sources", "Mozilla")
	for n := range got {
		if source(n) != "Mozilla" {
			t.Errorf("--include-sources Mozilla ran %s", n)
		}
	}
	if len(got) == 0 {
		t.Errorf("--include-sources Mozilla ran nothing")
	}
	// Without --with-zlint, zlint's names and sources say what is missing.
	for _, args := range [][]string{{"--exclude-names", other}, {"--include-sources", "Mozilla"}} {
		r := xmpplint(t, "", append([]string{"lint", leaf}, args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "--with-zlint") {
			t.Errorf("%v without --with-zlint: exit %d: %s", args, r.code, r.stderr)
		}
	}
}

// TestConfigTables: a lint's own table in --config reaches that lint and
// wins over [Global]; unknown keys and tables are errors naming the
// nearest valid one; the example configuration loads back.
func TestConfigTables(t *testing.T) {
	dir := t.TempDir()
	leaf := certFile(t, dir, "eku-server-auth-only")
	config := func(text string) string {
		p := filepath.Join(dir, "c.toml")
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	const name = "w_xmpp_s2s_eku_missing_client_auth"
	got := oneRecord(t, xmpplint(t, "", "lint", "--output", "ndjson", leaf, "--config",
		config("[Global]\nxmpp_scope = \"s2s\"\n\n["+name+"]\nscope = \"c2s\"\n")))
	if got[name] != "NA" {
		t.Errorf("%s with its own scope = c2s: %s, want NA", name, got[name])
	}
	if got["w_xmpp_server_eku_absent"] == "NA" {
		t.Errorf("the other lints lost [Global]'s scope too")
	}
	got = oneRecord(t, xmpplint(t, "", "lint", "--output", "ndjson", leaf, "--config",
		config("[e_xmpp_no_identity_for_domain]\ndomains = [\"other.example\"]\n")))
	if got["e_xmpp_no_identity_for_domain"] != "error" {
		t.Errorf("e_xmpp_no_identity_for_domain with its own domains: %s", got["e_xmpp_no_identity_for_domain"])
	}
	for _, c := range []struct{ text, want string }{
		{"[Global]\nxmpp_domain = [\"example.org\"]\n", `unknown key "xmpp_domain"; did you mean xmpp_domains?`},
		{"[w_xmpp_s2s_eku_missing_client_ath]\nscope = \"c2s\"\n", "unknown table [w_xmpp_s2s_eku_missing_client_ath]: not a lint that reads a configuration; did you mean w_xmpp_s2s_eku_missing_client_auth?"},
		{"[" + name + "]\nscop = \"c2s\"\n", `unknown key "scop"; did you mean scope?`},
		{"xmpp_role = \"server\"\n", "it belongs in [Global]"},
		{"xmpp_domain = []\n", "outside any table; did you mean [Global] xmpp_domains?"},
		{"[" + name + "]\nscope = \"c3s\"\n", "c3s"},
	} {
		r := xmpplint(t, "", "lint", leaf, "--config", config(c.text))
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", c.text, r.code, r.stderr, c.want)
		}
	}
	for _, zl := range [][]string{nil, {"--with-zlint"}} {
		ex := xmpplint(t, "", append([]string{"lints", "--example-config"}, zl...)...)
		r := xmpplint(t, "", append([]string{"lint", leaf, "--fail-on", "none", "--config", config(ex.stdout)}, zl...)...)
		if ex.code != exitOK || r.code != exitOK {
			t.Errorf("example configuration %v: exit %d then %d: %s", zl, ex.code, r.code, r.stderr)
		}
	}
}

// TestNothingLinted: an input that yields no certificate is not a pass;
// the output is still written.
func TestNothingLinted(t *testing.T) {
	empty := t.TempDir()
	for _, args := range [][]string{
		{"lint", os.DevNull},
		{"lint", empty},
		{"lint", "--output", "sarif", empty},
		{"audit", empty},
		{"audit", "--summary", "json", os.DevNull},
		{"lint", "-"},
	} {
		r := xmpplint(t, "", args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "no certificate linted") || r.stdout == "" {
			t.Errorf("%v: exit %d, stdout %.60q, stderr %q", args, r.code, r.stdout, r.stderr)
		}
		if args[1] == "--output" {
			var doc struct{ Runs []struct{ Results []any } }
			// One result: the error record of the empty directory.
			if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Runs) != 1 || len(doc.Runs[0].Results) != 1 {
				t.Errorf("SARIF of nothing: %v %+v", err, doc)
			}
		}
	}
	// A missing file is an unreadable input, not a certificate.
	r := xmpplint(t, "", "lint", filepath.Join(empty, "missing.pem"))
	if r.code != exitUsage || !strings.Contains(r.stdout, "0 certificates: 0 errors, 0 warnings, 0 notices, 1 unreadable input\n") {
		t.Errorf("missing file: exit %d, stdout %q", r.code, r.stdout)
	}
}

// TestConsistency: the listings, the shared defaults and the flags every
// command takes alike (issue 8, "Consistency").
func TestConsistency(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	bad := certFile(t, dir, "eku-client-auth-only")
	r := xmpplint(t, "", "lints")
	if r.code != exitOK || !strings.HasPrefix(r.stdout, "NAME ") || !strings.Contains(r.stdout, "w_xmpp_s2s_eku_missing_client_auth ") || strings.Contains(r.stdout, "{") {
		t.Errorf("lints: a table by default: exit %d, %.200q", r.code, r.stdout)
	}
	r = xmpplint(t, "", "lints", "--output", "json", "--profile", "webpki")
	var list []lintListing
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || len(list) == 0 {
		t.Errorf("lints --output json: %v", err)
	}
	if r := xmpplint(t, "", "lints", "--output", "markdown"); r.code != exitOK || !strings.Contains(r.stdout, "\n# xmpplint lint reference\n") {
		t.Errorf("lints --output markdown: exit %d", r.code)
	}
	for _, args := range [][]string{{"lints", "--profile", "nope"}, {"lint", "--profile", "nope", bad}} {
		if r := xmpplint(t, "", args...); r.code != exitUsage || !strings.Contains(r.stderr, "nope") {
			t.Errorf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	e := &environment{}
	if a, m := newAuditCmd(e).Flags().Lookup("summary").DefValue, newMergeCmd(e).Flags().Lookup("summary").DefValue; a != m {
		t.Errorf("summary defaults: audit %s, merge %s", a, m)
	}
	// --fail-on none: never exit 1, in every command that lints.
	for _, cmd := range []string{"lint", "audit"} {
		if r := xmpplint(t, "", cmd, bad, "--fail-on", "none"); r.code != exitOK {
			t.Errorf("%s --fail-on none: exit %d: %s", cmd, r.code, r.stderr)
		}
		if r := xmpplint(t, "", cmd, bad, "--fail-on", "error"); r.code != exitFindings {
			t.Errorf("%s --fail-on error: exit %d: %s", cmd, r.code, r.stderr)
		}
	}
	// audit's records in lint's formats.
	r = xmpplint(t, "", "audit", bad, "--records", "-", "--output", "text", "--color", "never", "--summary-out", "summary.txt")
	if r.code != exitOK || !strings.Contains(r.stdout, "e_xmpp_server_eku_client_auth_only") || !strings.Contains(r.stdout, "1 certificate: 1 error") {
		t.Errorf("audit --output text: exit %d: %q", r.code, r.stdout)
	}
	for _, c := range []struct{ domain, want string }{
		{"", "empty"},
		{"user@example.org", "did you mean --domain example.org?"},
		{"example.org/res", "did you mean --domain example.org?"},
	} {
		r := xmpplint(t, "", "lint", bad, "--domain", c.domain)
		if r.code != exitUsage || !strings.Contains(r.stderr, c.want) {
			t.Errorf("--domain %q: exit %d: %s", c.domain, r.code, r.stderr)
		}
	}
}

// TestCheckTextCountsEndpoints: check's closing line counts the
// certificates linted and, apart, the endpoints it could not reach.
func TestCheckTextCountsEndpoints(t *testing.T) {
	var out, errb strings.Builder
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		resolver: srvTable{}, dialer: dialerFunc(func() {})}
	code := env.dispatch([]string{"check", "one.example", "two.example", "--color", "never"})
	if code != exitUsage || !strings.Contains(out.String(), "\n0 certificates: 0 errors, 0 warnings, 0 notices, 2 unreachable endpoints\n") {
		t.Errorf("exit %d, stdout %q", code, out.String())
	}
}
