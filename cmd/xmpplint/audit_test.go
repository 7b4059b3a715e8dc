package main

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/summary"
)

func readSummary(t testing.TB, path string) *summary.Summary {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s summary.Summary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &s
}

// withoutExamples drops what legitimately differs between a whole audit
// and merged shards: the example inputs (first ones per shard) and the
// shard list.
func withoutExamples(s *summary.Summary) string {
	c := *s
	c.Shards = nil
	lints := map[string]map[string]*summary.Count{}
	for name, by := range s.Lints {
		lints[name] = map[string]*summary.Count{}
		for st, n := range by {
			lints[name][st] = &summary.Count{N: n.N}
		}
	}
	c.Lints = lints
	data, _ := json.Marshal(&c)
	return string(data)
}

// TestAuditCorpus audits the bundled corpus and the real certificates:
// records in input order, one per certificate, and a summary that agrees
// with them; then the same as two shards merged.
func TestAuditCorpus(t *testing.T) {
	inCorpus(t)
	r := xmpplint(t, "", "audit", "--records", "records.ndjson", "--summary", "json", "--summary-out", "whole.json", "--workers", "2", "certs", "external")
	if r.code != exitOK {
		t.Fatalf("audit exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile("records.ndjson")
	if err != nil {
		t.Fatal(err)
	}
	recs := decodeRecords(t, string(data))
	whole := readSummary(t, "whole.json")
	if whole.Certificates != len(recs) || len(recs) == 0 {
		t.Fatalf("summary counts %d certificates, records %d", whole.Certificates, len(recs))
	}
	errs := 0
	for _, rec := range recs {
		if rec.Error != "" {
			errs++
		}
	}
	if whole.ParseErrors != errs {
		t.Errorf("summary has %d parse errors, records %d", whole.ParseErrors, errs)
	}
	// Records come in input order: the same order lint gives.
	lr := xmpplint(t, "", "lint", "--output", "ndjson", "--workers", "1", "certs", "external")
	lrecs := decodeRecords(t, lr.stdout)
	if len(lrecs) != len(recs) {
		t.Fatalf("lint gave %d records, audit %d", len(lrecs), len(recs))
	}
	for i := range recs {
		if recs[i].Input != lrecs[i].Input {
			t.Fatalf("record %d: audit %s, lint %s", i, recs[i].Input, lrecs[i].Input)
		}
	}
	var parts []string
	for _, sh := range []string{"0/2", "1/2"} {
		out := "shard" + strings.ReplaceAll(sh, "/", "-") + ".json"
		r := xmpplint(t, "", "audit", "--shard", sh, "--summary", "json", "--summary-out", out, "certs", "external")
		if r.code != exitOK {
			t.Fatalf("shard %s: exit %d: %s", sh, r.code, r.stderr)
		}
		parts = append(parts, out)
	}
	r = xmpplint(t, "", append([]string{"merge", "--summary", "json", "--summary-out", "merged.json"}, parts...)...)
	if r.code != exitOK || r.stderr != "" {
		t.Fatalf("merge: exit %d: %s", r.code, r.stderr)
	}
	merged := readSummary(t, "merged.json")
	if got, want := withoutExamples(merged), withoutExamples(whole); got != want {
		t.Errorf("merged shards differ from the whole audit:\nmerged %s\nwhole  %s", got, want)
	}
	if len(merged.Shards) != 2 {
		t.Errorf("merged shards %v", merged.Shards)
	}
	// Merging a shard twice is reported.
	r = xmpplint(t, "", "merge", "--summary-out", "twice.json", parts[0], parts[0])
	if !strings.Contains(r.stderr, "twice") {
		t.Errorf("merging a shard twice gave no warning: %q", r.stderr)
	}
	// Every summary format renders.
	for _, f := range []string{"text", "markdown", "html"} {
		r := xmpplint(t, "", "audit", "--summary", f, "certs")
		if r.code != exitOK || !strings.Contains(r.stdout, "xmpplint audit summary") {
			t.Errorf("--summary %s: exit %d, output %.200q", f, r.code, r.stdout)
		}
	}
	// --fail-on makes an audit usable as a CI gate.
	if r := xmpplint(t, "", "audit", "--fail-on", "error", "certs"); r.code != exitFindings {
		t.Errorf("audit --fail-on error: exit %d, want 1", r.code)
	}
}

func TestParseShard(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{{"0/1", true}, {"3/4", true}, {"4/4", false}, {"-1/4", false}, {"1/0", false}, {"x", false}, {"1/2/3", false}} {
		_, err := parseShard(c.in)
		if (err == nil) != c.ok {
			t.Errorf("parseShard(%q): %v", c.in, err)
		}
	}
}
