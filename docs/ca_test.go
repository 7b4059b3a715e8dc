package docs_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/docs"
	"github.com/xmpplint/xmpplint/internal/cacorpus"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func readCADoc(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("ca.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// fence returns the body of the first code block whose info string is
// info, after the heading that starts with section.
func fence(t *testing.T, doc, section, info string) string {
	t.Helper()
	i := strings.Index(doc, "\n## "+section)
	if i < 0 {
		t.Fatalf("docs/ca.md has no section %q", section)
	}
	doc = doc[i:]
	start := strings.Index(doc, "\n```"+info+"\n")
	if start < 0 {
		t.Fatalf("docs/ca.md, %s: no ```%s block", section, info)
	}
	body := doc[start+len("\n```"+info+"\n"):]
	end := strings.Index(body, "\n```\n")
	if end < 0 {
		t.Fatalf("docs/ca.md, %s: unterminated ```%s block", section, info)
	}
	return body[:end+1]
}

// TestCADocUpToDate fails when the generated part of docs/ca.md differs
// from the ca profile's table: run go generate ./docs.
func TestCADocUpToDate(t *testing.T) {
	doc := readCADoc(t)
	want, err := docs.WithCAProfile([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != doc {
		t.Error("docs/ca.md is stale: run go generate ./docs")
	}
}

// TestCADocSnippets runs the snippets of docs/ca.md: the Boulder lintConfig
// and the generated ignoredLints through zlint's global registry (no result
// above pass for good public-CA-style certificates, each mistake named), and
// checks that the Go API code is Example_preIssuance's.
func TestCADocSnippets(t *testing.T) {
	doc := readCADoc(t)

	cfg, err := lint.NewConfigFromString(fence(t, doc, "Boulder", "toml"))
	if err != nil {
		t.Fatalf("the Boulder lintConfig: %v", err)
	}
	var profile struct {
		IgnoredLints []string `json:"ignoredLints"`
	}
	if err := json.Unmarshal([]byte("{"+fence(t, doc, "The `ca` profile", "json")+"}"), &profile); err != nil {
		t.Fatalf("the generated ignoredLints: %v", err)
	}
	if _, out := xmpp.CAProfileNames(); len(profile.IgnoredLints) != len(out) {
		t.Fatalf("%d ignoredLints, want %d", len(profile.IgnoredLints), len(out))
	}
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{ExcludeNames: profile.IgnoredLints})
	if err != nil {
		t.Fatal(err)
	}
	reg.SetConfiguration(cfg)
	xmppFindings := func(der []byte) []string {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for name, res := range zlint.LintCertificateEx(c, reg).Results {
			if strings.Contains(name, "_xmpp_") && res.Status > lint.Pass {
				out = append(out, name)
			}
		}
		return out
	}
	good, err := cacorpus.Good(12)
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range good {
		if f := xmppFindings(is.DER); len(f) > 0 {
			t.Errorf("%s: %v", is.Name, f)
		}
	}
	for i, d := range cacorpus.Defects() {
		is, err := cacorpus.WithDefect(i, d)
		if err != nil {
			t.Fatal(err)
		}
		if f := xmppFindings(is.DER); !strings.Contains(strings.Join(f, ","), d.Lint) {
			t.Errorf("%s: findings %v, want %s", d.About, f, d.Lint)
		}
	}

	// The Go API code is the example's, line for line.
	src, err := os.ReadFile("../check/example_preissue_test.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)// ca-api: begin\n(.*?)\n\s*// ca-api: end`).FindSubmatch(src)
	if m == nil {
		t.Fatal("check/example_preissue_test.go has no ca-api block")
	}
	if got, want := lines(fence(t, doc, "Go CAs", "go")), lines(string(m[1])); got != want {
		t.Errorf("docs/ca.md's Go code differs from Example_preIssuance:\n%s\nwant\n%s", got, want)
	}
}

// lines trims each line's indentation and collapses its runs of blanks,
// so that code in a function and in a document compare.
func lines(s string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		out = append(out, strings.Join(strings.Fields(l), " "))
	}
	return strings.Join(out, "\n")
}
