package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
)

// lintOptions are the flags of xmpplint lint.
type lintOptions struct {
	lintFlags
	output, color string
	workers       int
}

func newLintCmd(e *environment) *cobra.Command {
	o := &lintOptions{}
	cmd := &cobra.Command{
		Use:   "lint [flags] [PATH...|-]",
		Short: "lint certificates: files, directories, chains, stdin",
		Long: `Lint certificates: files and directories (recursive), PEM bundles and chains, DER,
base64 lines, NDJSON, or standard input (- or no PATH).`,
		Example: `  xmpplint lint fullchain.pem --domain example.org
  xmpplint lint --fail-on warn --output sarif certs/ > xmpplint.sarif
  openssl s_client ... -showcerts </dev/null | xmpplint lint --domain example.org -`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.parsed(cmd.Flags())
			return exitErr(e.lint(o, args))
		},
	}
	fs := cmd.Flags()
	o.register(fs, "error")
	fs.StringVar(&o.output, "output", "text", "output: text, ndjson (one JSON object per certificate), json (one document) or sarif (SARIF 2.1.0)")
	fs.StringVar(&o.color, "color", "auto", "colour in text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.IntVar(&o.workers, "workers", 0, "lint workers (default: all cores)")
	registerCompletions(cmd)
	return cmd
}

// lint lints paths (standard input when there are none) with o.
func (e *environment) lint(o *lintOptions, paths []string) int {
	lf := &o.lintFlags
	if err := checkWorkers(o.workers, lf.explicit["workers"]); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	gate, err := lf.gate()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	ch, err := e.newChecker(lf)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	w, err := e.recordWriter(o.output, o.color, ch)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if len(paths) == 0 {
		paths = []string{"-"}
		if isTerminal(e.stdin) {
			e.errorf("reading certificates from standard input (end with Ctrl-D; see xmpplint lint -h for files and directories)")
		}
	}
	linted, failed := 0, 0 // records of a certificate, of an error
	var worst lint.LintStatus
	var skips skipList
	src, readErr := e.openSource(paths, lf.format, shard{0, 1}, &skips)
	// Records shown within 100 ms, as audit's: `(cat cert.pem; sleep 20) |
	// xmpplint lint -` prints its record while the pipe is open.
	flusher := newRecordFlusher(w)
	runErr := ch.Run(context.Background(), o.workers, src, func(rec check.Record) error {
		if s := rec.Worst(); s > worst {
			worst = s
		}
		if rec.Error == "" {
			linted++
		} else {
			failed++
		}
		return flusher.write(&rec)
	})
	if err := flusher.stop(); err != nil && runErr == nil {
		runErr = err
	}
	status := exitOK
	if gate.fails(worst) {
		status = exitFindings
	}
	if runErr != nil {
		e.errorf("%v", runErr)
		status = exitUsage
	}
	if err := readErr(); err != nil {
		e.errorf("%v", err)
		status = exitUsage
	}
	e.noteSkips(&skips, w)
	if err := w.Close(); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		e.errorf("%v", err)
		status = exitUsage
	}
	if runErr == nil && linted == 0 {
		e.errorf("%s", nothingLinted(paths, failed))
		status = exitUsage
	}
	return status
}

// nothingLinted is the error of a run that linted no certificate: a gate
// that passes on nothing hides a wrong path or a file of the wrong kind.
// failed is the number of records with an error.
func nothingLinted(paths []string, failed int) string {
	if failed == 0 {
		return fmt.Sprintf("no certificate linted: no input in %s holds one", quoteList(paths))
	}
	if failed == 1 {
		return fmt.Sprintf("no certificate linted in %s: the record with an error says why", quoteList(paths))
	}
	return fmt.Sprintf("no certificate linted in %s: the records with an error say why", quoteList(paths))
}

// quoteList names inputs for a message, quoted (input names are not
// trusted) and at most a few.
func quoteList(paths []string) string {
	const most = 3
	var q []string
	for i, p := range paths {
		if i == most {
			q = append(q, fmt.Sprintf("and %d more", len(paths)-most))
			break
		}
		if p == "-" {
			q = append(q, "standard input")
			continue
		}
		q = append(q, strconv.Quote(p))
	}
	return strings.Join(q, ", ")
}

// recordWriter makes the writer of --output (and --color for text), for
// the commands that print records: lint and check.
func (e *environment) recordWriter(output, color string, ch *check.Checker) (recordWriter, error) {
	switch output {
	case "text":
		useColor := false
		switch color {
		case "always":
			useColor = true
		case "auto":
			useColor = isTerminal(e.stdout) && e.env("NO_COLOR") == ""
		case "never":
		default:
			return nil, fmt.Errorf("--color %q: want auto, always or never", color)
		}
		return newTextWriter(e.stdout, useColor), nil
	case "ndjson":
		return newNDJSONWriter(e.stdout), nil
	case "json":
		return newJSONWriter(e.stdout), nil
	case "sarif":
		return newSARIFWriter(e.stdout, ch.Lints()), nil
	}
	return nil, fmt.Errorf("--output %q: want text, ndjson, json or sarif", output)
}
