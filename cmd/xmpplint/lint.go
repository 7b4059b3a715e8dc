package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
)

func (e *environment) lint(args []string) int {
	fs := flag.NewFlagSet("xmpplint lint", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var lf lintFlags
	lf.register(fs)
	output := fs.String("output", "text", "output: text, ndjson (one JSON object per certificate), json (one document) or sarif (SARIF 2.1.0)")
	color := fs.String("color", "auto", "colour in text output: auto (on a terminal, unless NO_COLOR is set), always or never")
	workers := fs.Int("workers", 0, "lint workers (default: all cores)")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: xmpplint lint [flags] [PATH...|-]\n\nLint certificates: files and directories (recursive), PEM bundles and chains, DER,\nbase64 lines, NDJSON, or standard input (- or no PATH).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := lf.parse(fs, args); err != nil {
		return helpOrUsage(err)
	}
	if err := checkWorkers(*workers, flagGiven(fs, "workers")); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	failAt, err := lf.failLevel()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	ch, err := e.newChecker(&lf)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	w, err := e.recordWriter(*output, *color, ch)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
		if isTerminal(e.stdin) {
			e.errorf("reading certificates from standard input (end with Ctrl-D; see xmpplint lint -h for files and directories)")
		}
	}
	var worst lint.LintStatus
	src, readErr := e.openSource(paths, lf.format, shard{0, 1})
	runErr := ch.Run(context.Background(), *workers, src, func(rec check.Record) error {
		if s := rec.Worst(); s > worst {
			worst = s
		}
		return w.Write(&rec)
	})
	status := exitOK
	if worst >= failAt {
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
	if err := w.Close(); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		e.errorf("%v", err)
		status = exitUsage
	}
	return status
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
