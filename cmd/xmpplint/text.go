package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/termsafe"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// ANSI colours, used only on a terminal and never when NO_COLOR is set.
const (
	colReset  = "\x1b[0m"
	colBold   = "\x1b[1m"
	colRed    = "\x1b[31m"
	colGreen  = "\x1b[32m"
	colYellow = "\x1b[33m"
	colCyan   = "\x1b[36m"
	colPurple = "\x1b[35m"
	colDim    = "\x1b[2m"
)

// textWriter writes a human-readable report. Every string that comes from
// input (file names, labels, certificate fields, details, notes, errors,
// server messages) goes through termsafe.String: the colour codes are the
// only escape sequences it writes.
//
// textWriter writes a human-readable report: per certificate a header, the
// findings sorted by severity with details and citation, the federation
// table, and a final summary line.
type textWriter struct {
	w     *bufio.Writer
	color bool
	tally tally
	// fedNoted: the trust note is printed once, before the first table.
	fedNoted bool
	// failure names a record with an error: UNREADABLE for files,
	// UNREACHABLE for live servers (check).
	failure string
}

func newTextWriter(w io.Writer, color bool) *textWriter {
	return &textWriter{w: bufio.NewWriter(w), color: color}
}

func (t *textWriter) paint(col, s string) string {
	if !t.color || col == "" {
		return s
	}
	return col + s + colReset
}

func statusLabel(st lint.LintStatus) (string, string) {
	switch st {
	case lint.Fatal:
		return "FATAL", colRed
	case lint.Error:
		return "ERROR", colRed
	case lint.Warn:
		return "WARN", colYellow
	case lint.Notice:
		return "NOTICE", colCyan
	}
	return st.String(), ""
}

func (t *textWriter) Write(rec *check.Record) error {
	t.tally.add(rec)
	w := t.w
	if t.tally.certs > 1 {
		w.WriteString("\n")
	}
	if rec.Error != "" {
		fmt.Fprintf(w, "%s  %s\n", t.paint(colBold, esc(rec.Input)), t.paint(colRed, strings.ToUpper(t.tally.failureWord())))
		if rec.Label != "" {
			fmt.Fprintf(w, "  label    %s\n", esc(rec.Label))
		}
		fmt.Fprintf(w, "  %s\n", esc(rec.Error))
		for _, n := range rec.Notes {
			fmt.Fprintf(w, "  %s   %s\n", t.paint(colCyan, "note"), esc(n))
		}
		return nil
	}
	// The kind follows the role when the input is not a plain certificate:
	// "server csr", "server tbs", "server precertificate".
	if rec.Kind != "" && rec.Kind != check.KindCertificate {
		fmt.Fprintf(w, "%s  %s %s\n", t.paint(colBold, esc(rec.Input)), esc(rec.Role), esc(rec.Kind))
	} else {
		fmt.Fprintf(w, "%s  %s\n", t.paint(colBold, esc(rec.Input)), esc(rec.Role))
	}
	if rec.Label != "" {
		fmt.Fprintf(w, "  label    %s\n", esc(rec.Label))
	}
	fmt.Fprintf(w, "  subject  %s\n", orDash(esc(rec.Subject)))
	if rec.Kind != check.KindCSR { // a request has no issuer yet
		fmt.Fprintf(w, "  issuer   %s\n", orDash(esc(rec.Issuer)))
	}
	fmt.Fprintf(w, "  sha256   %s\n", esc(rec.SHA256))
	if len(rec.Chain) > 0 {
		fmt.Fprintf(w, "  chain    %s\n", strings.Join(termsafe.Strings(rec.Chain), ", "))
	}
	if rec.ChainOf != "" {
		fmt.Fprintf(w, "  chain of %s\n", esc(rec.ChainOf))
	}
	for _, n := range rec.Notes {
		fmt.Fprintf(w, "  %s   %s\n", t.paint(colCyan, "note"), esc(n))
	}
	if tr := rec.Trust; tr != nil {
		if tr.Verified {
			fmt.Fprintf(w, "  trust    %s to %s\n", t.paint(colGreen, "verified"), esc(tr.Roots))
		} else {
			fmt.Fprintf(w, "  trust    %s to %s: %s\n", t.paint(colRed, "NOT VERIFIED"), esc(tr.Roots), esc(tr.Error))
		}
	}
	findings := rec.Findings(lint.Notice)
	for _, name := range findings {
		res, _ := rec.Results.Get(name)
		label, col := statusLabel(res.Status)
		fmt.Fprintf(w, "  %s %s\n", t.paint(col, fmt.Sprintf("%-6s", label)), t.paint(colBold, esc(name)))
		if res.Details != "" {
			fmt.Fprintf(w, "         %s\n", esc(res.Details))
		}
		if info, ok := xmpp.Lookup(name); ok {
			fmt.Fprintf(w, "         %s\n", t.paint(colDim, info.Citation))
		}
	}
	var pass, na, ne int
	for _, r := range rec.Results {
		switch r.Status {
		case lint.Pass:
			pass++
		case lint.NA:
			na++
		case lint.NE:
			ne++
		}
	}
	ok := fmt.Sprintf("%d passed, %d not applicable", pass, na)
	if ne > 0 {
		ok += fmt.Sprintf(", %d not yet effective for this issuance date", ne)
	}
	if len(findings) == 0 {
		fmt.Fprintf(w, "  %s     no findings (%s)\n", t.paint(colGreen, "OK"), ok)
	} else {
		fmt.Fprintf(w, "         %s\n", t.paint(colDim, ok))
	}
	t.writeFederation(rec)
	return nil
}

// esc shows a string from input with its control characters escaped.
func esc(s string) string { return termsafe.String(s) }

func orDash(s string) string {
	if s == "" {
		return "(empty)"
	}
	return s
}

// Note prints a note about the run, e.g. the files a walk skipped.
func (t *textWriter) Note(note string) {
	if t.tally.certs > 0 {
		t.w.WriteString("\n")
	}
	fmt.Fprintf(t.w, "%s %s\n", t.paint(colCyan, "note"), note) // escaped by its maker (safeText)
}

// Flush writes out the records written so far.
func (t *textWriter) Flush() error { return t.w.Flush() }

func (t *textWriter) Close() error {
	fmt.Fprintf(t.w, "\n%s\n", t.paint(colBold, t.tally.line()))
	return t.w.Flush()
}

// writeFederation prints the federation table of a record: one row per
// verifier model, one column per direction, then the reason of every
// verdict that is not accept.
func (t *textWriter) writeFederation(rec *check.Record) {
	if len(rec.Federation) == 0 {
		return
	}
	w := t.w
	if !t.fedNoted {
		t.fedNoted = true
		fmt.Fprintf(w, "  %s\n", t.paint(colDim, "federation verdicts assume the chain ends at a root the verifier trusts; check trust with your own trust store"))
	}
	fmt.Fprintf(w, "  %-16s", "federation")
	for i, d := range rec.Federation[0].Directions {
		if i == len(rec.Federation[0].Directions)-1 {
			fmt.Fprintf(w, " %s", esc(string(d.Direction)))
		} else {
			fmt.Fprintf(w, " %-8s", esc(string(d.Direction)))
		}
	}
	w.WriteString("\n")
	// Reasons of the verdicts that are not accept, each once, with the
	// models and directions it applies to.
	var reasons []string
	who := map[string][]string{}
	dirsOf := map[string]map[string][]string{}
	for _, m := range rec.Federation {
		fmt.Fprintf(w, "  %-16s", esc(m.Model))
		for i, d := range m.Directions {
			col := colGreen
			switch d.Outcome {
			case interop.Reject:
				col = colRed
			case interop.Crash:
				col = colPurple
			}
			cell := fmt.Sprintf("%-8s", d.Outcome)
			if i == len(m.Directions)-1 {
				cell = string(d.Outcome)
			}
			fmt.Fprintf(w, " %s", t.paint(col, cell))
			if d.Outcome != interop.Accept && d.Reason != "" {
				if _, seen := dirsOf[d.Reason]; !seen {
					reasons = append(reasons, d.Reason)
					dirsOf[d.Reason] = map[string][]string{}
				}
				if len(dirsOf[d.Reason][m.Model]) == 0 {
					who[d.Reason] = append(who[d.Reason], m.Model)
				}
				dirsOf[d.Reason][m.Model] = append(dirsOf[d.Reason][m.Model], string(d.Direction))
			}
		}
		w.WriteString("\n")
	}
	for _, r := range reasons {
		var parts []string
		for _, m := range who[r] {
			dirs := dirsOf[r][m]
			if len(dirs) == len(rec.Federation[0].Directions) {
				parts = append(parts, m)
			} else {
				parts = append(parts, m+" "+strings.Join(dirs, ", "))
			}
		}
		fmt.Fprintf(w, "    %s\n      %s\n", esc(r), t.paint(colDim, esc(strings.Join(parts, "; "))))
	}
}
