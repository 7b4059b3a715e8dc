package summary_test

import (
	"bytes"
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/summary"
)

func rec(input, role, eku string, ids []string, results map[string]lint.LintStatus, fed interop.Verdicts) *check.Record {
	r := &check.Record{Input: input, Role: role, EKU: eku, Identities: ids, Issuer: "CN=Test CA", Federation: fed}
	for n, s := range results {
		r.Results = append(r.Results, check.NamedResult{Name: n, Result: check.Result{Status: s}})
	}
	sort.Slice(r.Results, func(i, j int) bool { return r.Results[i].Name < r.Results[j].Name })
	return r
}

func fed(s2sIn interop.Outcome) interop.Verdicts {
	return interop.Verdicts{{Model: "m", Directions: []interop.DirectionVerdict{
		{Direction: interop.S2SIn, Verdict: interop.Verdict{Outcome: s2sIn}},
		{Direction: interop.S2SOut, Verdict: interop.Verdict{Outcome: interop.Accept}},
		{Direction: interop.C2S, Verdict: interop.Verdict{Outcome: interop.Reject}},
	}}}
}

func TestAddAndMerge(t *testing.T) {
	recs := []*check.Record{
		rec("a#0", "server", "serverAuth-only", []string{"dns-id"}, map[string]lint.LintStatus{"w_x": lint.Warn}, fed(interop.Reject)),
		rec("a#1", "server", "both", []string{"cn"}, map[string]lint.LintStatus{"w_x": lint.Pass}, fed(interop.Accept)),
		{Input: "a#2", Error: "a: truncated"},
		rec("b#0", "client", "clientAuth-only", []string{"xmppaddr"}, map[string]lint.LintStatus{"w_x": lint.NA}, nil),
		rec("b#1", "server", "none", []string{"srv-id", "xmppaddr"}, map[string]lint.LintStatus{"w_x": lint.Warn}, fed(interop.Crash)),
	}
	whole := summary.New()
	for _, r := range recs {
		whole.Add(r)
	}
	if whole.Certificates != 5 || whole.ParseErrors != 1 || whole.Servers() != 3 || whole.Roles["client"] != 1 {
		t.Errorf("counts: %+v", whole)
	}
	if whole.Identities["cn-only"] != 1 || whole.Identities["dns-id"] != 1 || whole.Identities["xmppaddr"] != 1 {
		t.Errorf("identities: %v", whole.Identities)
	}
	if whole.FederationS2SFail["m"] != 2 || whole.Federation["m"]["c2s"]["reject"] != 3 {
		t.Errorf("federation: %v %v", whole.FederationS2SFail, whole.Federation)
	}
	if c := whole.Lints["w_x"]["warn"]; c == nil || c.N != 2 || strings.Join(c.Examples, ",") != "a#0,b#1" {
		t.Errorf("lint counts: %+v", whole.Lints["w_x"])
	}
	// The same records split in two shards, through JSON, merged.
	var parts []*summary.Summary
	for _, split := range [][]*check.Record{recs[:3], recs[3:]} {
		s := summary.New()
		for _, r := range split {
			s.Add(r)
		}
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back summary.Summary
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, &back)
	}
	merged := summary.New()
	for _, p := range parts {
		if err := merged.Merge(p); err != nil {
			t.Fatal(err)
		}
	}
	a, _ := json.Marshal(whole)
	b, _ := json.Marshal(merged)
	if !bytes.Equal(a, b) {
		t.Errorf("merged differs from whole:\n%s\n%s", a, b)
	}
	if err := merged.Merge(&summary.Summary{Format: 99}); err == nil {
		t.Error("merged a summary of an unknown format")
	}
	for name, render := range map[string]func(*bytes.Buffer) error{
		"text": func(b *bytes.Buffer) error {
			return summary.Text(b, whole, summary.Layout{Models: []string{"m"}, Directions: []string{"s2s-in", "s2s-out", "c2s"}})
		},
		"markdown": func(b *bytes.Buffer) error { return summary.Markdown(b, whole, summary.Layout{}) },
		"html":     func(b *bytes.Buffer) error { return summary.HTML(b, whole, summary.Layout{}) },
	} {
		var buf bytes.Buffer
		if err := render(&buf); err != nil || !strings.Contains(buf.String(), "w_x") {
			t.Errorf("%s: %v %q", name, err, buf.String())
		}
	}
}

func TestPercent(t *testing.T) {
	if summary.Percent(1, 3) != "33.3%" || summary.Percent(0, 0) != "0.0%" {
		t.Error(summary.Percent(1, 3), summary.Percent(0, 0))
	}
}

// TestIssuersBounded: the issuers table stays bounded on any corpus and
// keeps every certificate counted.
func TestIssuersBounded(t *testing.T) {
	s := summary.New()
	n := summary.MaxIssuers + 500
	for i := 0; i < n; i++ {
		r := rec("x#0", "server", "both", []string{"dns-id"}, map[string]lint.LintStatus{"w_x": lint.Warn}, nil)
		r.Issuer = "CN=CA " + strconv.Itoa(i)
		s.Add(r)
		self := rec("y#0", "server", "both", []string{"dns-id"}, nil, nil)
		self.Issuer, self.Subject = "CN=host"+strconv.Itoa(i), "CN=host"+strconv.Itoa(i)
		s.Add(self)
	}
	if len(s.Issuers) > summary.MaxIssuers+1 {
		t.Errorf("%d issuers tallied, bound %d", len(s.Issuers), summary.MaxIssuers+1)
	}
	total := 0
	for _, iss := range s.Issuers {
		total += iss.Certificates
	}
	if total != 2*n || s.Issuers[summary.SelfIssued].Certificates != n || s.Issuers[summary.OtherIssuers] == nil {
		t.Errorf("total %d, self-issued %+v, other %+v", total, s.Issuers[summary.SelfIssued], s.Issuers[summary.OtherIssuers])
	}
}

// TestKinds: records of requests, TBSs and precertificates are counted by
// kind, shown under the certificates in text and Markdown, kept through
// JSON and merged; a summary of certificates only shows no such line and
// writes no kinds.
func TestKinds(t *testing.T) {
	s := summary.New()
	for i, k := range []string{"certificate", "csr", "csr", "tbs", "precertificate", ""} {
		r := rec("in#"+strconv.Itoa(i), "server", "serverAuth-only", []string{"dns-id"}, nil, nil)
		r.Kind = k
		if k == "" {
			r.Error = "unreadable"
		}
		s.Add(r)
	}
	want := map[string]int{"csr": 2, "tbs": 1, "precertificate": 1}
	if !reflectEqual(s.Kinds, want) {
		t.Fatalf("kinds %v, want %v", s.Kinds, want)
	}
	var text, md bytes.Buffer
	if err := summary.Text(&text, s, summary.Layout{}); err != nil {
		t.Fatal(err)
	}
	if err := summary.Markdown(&md, s, summary.Layout{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "certificates  6\n  of which precertificate 1\n  of which tbs 1\n  of which csr 2\nparse errors  1\n") {
		t.Errorf("text:\n%s", text.String())
	}
	if !strings.Contains(md.String(), "| of which csr | 2 |") {
		t.Errorf("markdown:\n%s", md.String())
	}
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	back := summary.New()
	if err := json.Unmarshal(b, back); err != nil {
		t.Fatal(err)
	}
	merged := summary.New()
	if err := merged.Merge(back); err != nil {
		t.Fatal(err)
	}
	if err := merged.Merge(back); err != nil {
		t.Fatal(err)
	}
	if merged.Kinds["csr"] != 4 || merged.Kinds["tbs"] != 2 {
		t.Errorf("merged kinds %v", merged.Kinds)
	}

	plain := summary.New()
	plain.Add(rec("c#0", "server", "both", nil, nil, nil))
	text.Reset()
	if err := summary.Text(&text, plain, summary.Layout{}); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(plain)
	if strings.Contains(text.String(), "of which") || strings.Contains(string(b), `"kinds"`) {
		t.Errorf("a certificate-only summary shows kinds:\n%s\n%s", text.String(), b)
	}
}

func reflectEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
