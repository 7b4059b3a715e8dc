package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
)

// recordWriter writes records in one output format.
type recordWriter interface {
	Write(rec *check.Record) error
	// Close finishes the document (closing brackets, summary line).
	Close() error
}

// tally counts records and findings for summaries and the exit status.
type tally struct {
	certs, unreadable int
	untrusted         int // live leaves whose chain does not verify
	// failure is the word for a record with an error: "unreadable", or
	// "unreachable" for live servers.
	failure                   string
	errors, warnings, notices int
	fatal                     int
	worst                     lint.LintStatus
}

func (t *tally) add(rec *check.Record) {
	t.certs++
	if rec.Error != "" {
		t.unreadable++
		t.worst = lint.Fatal
		return
	}
	if rec.Trust != nil && !rec.Trust.Verified {
		t.untrusted++
		t.worst = max(t.worst, lint.Error)
	}
	for _, r := range rec.Results {
		switch r.Status {
		case lint.Error:
			t.errors++
		case lint.Warn:
			t.warnings++
		case lint.Notice:
			t.notices++
		case lint.Fatal:
			t.fatal++
		}
		if r.Status > t.worst {
			t.worst = r.Status
		}
	}
}

// line is the closing line of text output. It counts the certificates
// linted; the records with an error are inputs that could not be read
// (or, for check, endpoints that could not be reached), counted apart.
func (t *tally) line() string {
	linted := t.certs - t.unreadable
	s := fmt.Sprintf("%d certificate%s: %d error%s, %d warning%s, %d notice%s",
		linted, plural(linted), t.errors, plural(t.errors), t.warnings, plural(t.warnings), t.notices, plural(t.notices))
	if t.unreadable > 0 {
		s += fmt.Sprintf(", %d %s %s%s", t.unreadable, t.failureWord(), t.failureNoun(), plural(t.unreadable))
	}
	if t.untrusted > 0 {
		s += fmt.Sprintf(", %d untrusted chain%s", t.untrusted, plural(t.untrusted))
	}
	if t.fatal > 0 {
		s += fmt.Sprintf(", %d fatal", t.fatal)
	}
	return s
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// ndjsonWriter writes one JSON object per line.
type ndjsonWriter struct {
	w   *bufio.Writer
	buf []byte
}

func newNDJSONWriter(w io.Writer) *ndjsonWriter {
	return &ndjsonWriter{w: bufio.NewWriterSize(w, 64<<10)}
}

func (n *ndjsonWriter) Write(rec *check.Record) error {
	line := rec.EncodedLine() // encoded by a worker (audit)
	if line == nil {
		n.buf = append(rec.AppendNDJSON(n.buf[:0]), '\n')
		line = n.buf
	}
	_, err := n.w.Write(line)
	return err
}

func (n *ndjsonWriter) Close() error { return n.w.Flush() }

// Flush writes out the records written so far (check flushes after each
// domain, so that a slow list shows its records as they finish).
func (n *ndjsonWriter) Flush() error { return n.w.Flush() }

// jsonWriter writes the records as one JSON array, streamed.
type jsonWriter struct {
	w     *bufio.Writer
	count int
}

func newJSONWriter(w io.Writer) *jsonWriter { return &jsonWriter{w: bufio.NewWriterSize(w, 64<<10)} }

func (j *jsonWriter) Write(rec *check.Record) error {
	data, err := json.MarshalIndent(rec, "  ", "  ")
	if err != nil {
		return err
	}
	sep := ",\n  "
	if j.count == 0 {
		sep = "[\n  "
	}
	j.count++
	j.w.WriteString(sep)
	_, err = j.w.Write(data)
	return err
}

func (j *jsonWriter) Close() error {
	if j.count == 0 {
		j.w.WriteString("[")
	}
	j.w.WriteString("\n]\n")
	return j.w.Flush()
}

// failureNoun is what a record with an error stands for: an input, or an
// endpoint of check.
func (t *tally) failureNoun() string {
	if t.failure == "unreachable" {
		return "endpoint"
	}
	return "input"
}

func (t *tally) failureWord() string {
	if t.failure == "" {
		return "unreadable"
	}
	return t.failure
}
