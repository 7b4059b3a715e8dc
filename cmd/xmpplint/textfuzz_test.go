package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/termsafe"
	"github.com/xmpplint/xmpplint/interop"
)

// ourColours are the only escape sequences the text writer may write.
var ourColours = []string{colReset, colBold, colRed, colGreen, colYellow, colCyan, colPurple, colDim}

// renderText writes records with the text writer, coloured or not.
func renderText(t testing.TB, color bool, recs ...check.Record) string {
	t.Helper()
	var b bytes.Buffer
	w := newTextWriter(&b, color)
	for i := range recs {
		if err := w.Write(&recs[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// controlIn returns the first character of out, once xmpplint's own colour
// codes are taken out, that is a control character other than the line
// ends the writer puts (or a byte that is not UTF-8); "" when there is none.
func controlIn(out string) string {
	for _, c := range ourColours {
		out = strings.ReplaceAll(out, c, "")
	}
	for i, r := range out {
		if r == utf8.RuneError && !strings.HasPrefix(out[i:], "\uFFFD") {
			return out[i : i+1]
		}
		if r != '\n' && termsafe.Unsafe(r) {
			return string(r)
		}
	}
	return ""
}

// hostileRecords puts s in every string of a record that comes from input:
// a certificate with findings and federation verdicts, a live server's
// record with trust and notes, and a record with an error.
func hostileRecords(s string) []check.Record {
	fed := interop.Verdicts{{Model: "prosody-13", Directions: []interop.DirectionVerdict{
		{Direction: "s2s-in", Verdict: interop.Verdict{Outcome: interop.Reject, Reason: "x" + s}},
		{Direction: "s2s-out", Verdict: interop.Verdict{Outcome: interop.Accept, Reason: "x" + s}},
	}}}
	return []check.Record{
		{
			Input: "x" + s, Label: "x" + s, SHA256: "x" + s, Subject: "x" + s, Issuer: "x" + s, Role: "server",
			Chain: []string{"x" + s, "y" + s}, Notes: []string{"x" + s},
			Results: check.Results{
				{Name: "e_xmpp_srvname_malformed", Result: check.Result{Status: lint.Error, Details: "x" + s}},
				{Name: "w_xmpp_srvid_without_dnsid", Result: check.Result{Status: lint.Warn, Details: "x" + s}},
			},
			Federation: fed,
			Trust:      &check.Trust{Roots: "x" + s, Error: "x" + s},
		},
		{Input: "x" + s, Role: "ca", ChainOf: "x" + s, Trust: &check.Trust{Roots: "x" + s, Verified: true}},
		{Input: "x" + s, Label: "x" + s, Error: "x" + s, Notes: []string{"x" + s}},
	}
}

// FuzzTextWriter: whatever a certificate, a file name, an NDJSON label or a
// server puts in a record, the text output holds no control character but
// its own line ends and colour codes, and it has as many lines as the same
// records with plain text: nothing from input starts a line, moves the
// cursor or retitles the terminal.
func FuzzTextWriter(f *testing.F) {
	for _, s := range []string{
		"", "example.org", "\x1b[2J", "\x1b]0;owned\x07", "a\rb", "\n  OK     no findings (1 passed, 0 not applicable)",
		"\u009b2J", "\x9b2J", "evil\u202egnp.pem", "\x00", "\x7f", "\xff", "\u2028", "%s%d", "\t",
	} {
		f.Add(s)
	}
	plain := map[bool]int{}
	for _, color := range []bool{false, true} {
		plain[color] = strings.Count(renderText(f, color, hostileRecords("plain")...), "\n")
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, color := range []bool{false, true} {
			out := renderText(t, color, hostileRecords(s)...)
			if c := controlIn(out); c != "" {
				t.Fatalf("color %v: input %q reached the output as %q:\n%s", color, s, c, out)
			}
			if n := strings.Count(out, "\n"); n != plain[color] {
				t.Fatalf("color %v: input %q made %d lines, plain text %d:\n%s", color, s, n, plain[color], out)
			}
		}
	})
}
