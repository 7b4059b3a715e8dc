package summary

import (
	"bytes"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
)

// TestMarkdownHostileNames: file and issuer names that are markup, or end
// in a backslash, are text in their own cell of the Markdown summary, and
// control characters from them never reach the text summary.
func TestMarkdownHostileNames(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ name, mustNot, must string }{
		{"<svg onload=alert(1)>.pem", "<svg", "&lt;svg onload\\=alert\\(1\\)&gt;\\.pem"},
		{`trailing\`, `trailing\ |`, `trailing\\`},
		{"pipe|cell", "pipe|cell", `pipe\|cell`},
		{"**bold** [x](javascript:alert(1))", "[x](", `\*\*bold\*\* \[x\]\(javascript\:alert\(1\)\)`},
		{"a\n| forged | row |", "\n| forged", `a\\n\| forged \| row \|`},
		{"`code`&amp;", "`code`", "\\`code\\`&amp;amp;"},
	} {
		s := New()
		rec := check.Record{Input: tc.name + "#0", Issuer: tc.name, Role: "server", Results: check.Results{
			{Name: "e_xmpp_srvname_malformed", Result: check.Result{Status: lint.Error, Details: "x"}},
		}}
		s.Add(&rec)
		var md, txt bytes.Buffer
		if err := Markdown(&md, s, Layout{}); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(md.String(), tc.mustNot) || !strings.Contains(md.String(), tc.must) {
			t.Errorf("%q: Markdown must hold %q and not %q:\n%s", tc.name, tc.must, tc.mustNot, md.String())
		}
		// Every table row of the document has the cells of its header.
		for _, line := range strings.Split(md.String(), "\n") {
			if strings.HasPrefix(line, "| ") && strings.Contains(line, "e_xmpp") {
				if n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); n != 8 {
					t.Errorf("%q: row %q has %d cell borders, want 8", tc.name, line, n)
				}
			}
		}
		if err := Text(&txt, s, Layout{}); err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(txt.String(), "\x1b\r") || strings.Count(txt.String(), "forged") > 0 && strings.Contains(txt.String(), "\n| forged") {
			t.Errorf("%q: control characters in the text summary:\n%s", tc.name, txt.String())
		}
	}
}
