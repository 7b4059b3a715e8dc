package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/summary"
)

// exitInterrupted is the status of an audit stopped by Ctrl-C or SIGTERM
// (128 + SIGINT, as shells report it): the records and summary written
// cover what was done before the stop.
const exitInterrupted = 130

// shard is --shard I/N: audit the groups whose leaf's certificate index,
// counted over all inputs in read order, is I modulo N.
// MaxWorkers bounds --workers (lint, audit: lint goroutines; check:
// domains checked at once). A worker holds a few certificates or one
// connection; more workers than this only cost memory and file
// descriptors.
const MaxWorkers = 256

// checkWorkers validates a --workers value: 1 to MaxWorkers when the flag
// is given (given false: the command's default applies, e.g. all cores).
// The flag layer calls it for every command that has --workers.
func checkWorkers(n int, given bool) error {
	if given && (n < 1 || n > MaxWorkers) {
		return fmt.Errorf("--workers %d: want 1 to %d", n, MaxWorkers)
	}
	return nil
}

// flagGiven reports whether the command line set the flag name.
func flagGiven(fs *flag.FlagSet, name string) bool {
	given := false
	fs.Visit(func(f *flag.Flag) { given = given || f.Name == name })
	return given
}

type shard struct{ i, n int }

func parseShard(s string) (shard, error) {
	if s == "" {
		return shard{0, 1}, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return shard{}, fmt.Errorf("--shard %q: want I/N with 0 <= I < N, e.g. 0/4", s)
	}
	return shard{i, n}, nil
}

func (s shard) String() string { return fmt.Sprintf("%d/%d", s.i, s.n) }

func (e *environment) audit(args []string) int {
	fs := flag.NewFlagSet("xmpplint audit", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var lf lintFlags
	lf.register(fs)
	workers := fs.Int("workers", 0, "lint workers (default: all cores)")
	records := fs.String("records", "", "write one NDJSON record per certificate, in input order, to this file (\"-\" for standard output)")
	sumFormat := fs.String("summary", "text", "summary format: text, json, markdown or html")
	sumOut := fs.String("summary-out", "", "write the summary to this file instead of standard output")
	shardFlag := fs.String("shard", "", "audit only shard I/N: the certificates whose index modulo N is I (a chain goes with its leaf)")
	progress := fs.String("progress", "auto", "progress bar on standard error: auto (when it is a terminal), always or never")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: xmpplint audit [flags] PATH...|-\n\nAudit a certificate corpus: one record per certificate, in input order, and a summary.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	lf.failOnDefault = "none"
	if err := lf.parse(fs, args); err != nil {
		return helpOrUsage(err)
	}
	if err := checkWorkers(*workers, flagGiven(fs, "workers")); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	sh, err := parseShard(*shardFlag)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	switch *sumFormat {
	case "text", "json", "markdown", "md", "html":
	default:
		e.errorf("--summary %q: want text, json, markdown or html", *sumFormat)
		return exitUsage
	}
	var failAt lint.LintStatus
	if lf.failOn != "none" {
		if failAt, err = lf.failLevel(); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	ch, err := e.newChecker(&lf)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	paths := fs.Args()
	if len(paths) == 0 {
		e.errorf("audit needs at least one PATH, or - for standard input")
		return exitUsage
	}

	var recW *ndjsonWriter
	if *records != "" {
		var w io.Writer = e.stdout
		if *records != "-" {
			f, err := os.Create(*records)
			if err != nil {
				e.errorf("--records: %v", err)
				return exitUsage
			}
			defer f.Close()
			w = f
		}
		recW = newNDJSONWriter(w)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var bar *progressbar.ProgressBar
	if *progress == "always" || (*progress == "auto" && isTerminal(e.stderr)) {
		bar = progressbar.NewOptions64(-1,
			progressbar.OptionSetWriter(e.stderr),
			progressbar.OptionSetDescription("auditing"),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString("certs"),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(200*time.Millisecond),
			progressbar.OptionSpinnerType(14),
			progressbar.OptionClearOnFinish(),
		)
	}

	sum := summary.New()
	if sh.n > 1 {
		sum.Shards = []string{sh.String()}
	}
	var worst lint.LintStatus
	src, readErr := e.openSource(paths, lf.format, sh)
	var prepare func(*check.Record)
	if recW != nil {
		prepare = check.EncodeLine // in the workers
	}
	var lastFlush time.Time
	runErr := ch.RunPrepared(ctx, *workers, src, prepare, func(rec check.Record) error {
		sum.Add(&rec)
		if w := rec.Worst(); w > worst {
			worst = w
		}
		if bar != nil {
			bar.Add(1)
		}
		var err error
		if recW != nil {
			err = recW.Write(&rec)
			// A slow producer on a pipe sees its records within a
			// fraction of a second; a fast corpus pays one flush per
			// 100 ms.
			if now := time.Now(); err == nil && now.Sub(lastFlush) >= 100*time.Millisecond {
				err, lastFlush = recW.Flush(), now
			}
		}
		rec.Release() // written and counted: its buffers serve the next records
		return err
	})
	if bar != nil {
		bar.Finish()
	}
	status := exitOK
	interrupted := errors.Is(runErr, context.Canceled)
	switch {
	case interrupted:
		sum.Interrupted = true
		status = exitInterrupted
		e.errorf("interrupted: the records and summary cover the %d certificates done so far", sum.Certificates)
	case runErr != nil:
		e.errorf("%v", runErr)
		status = exitUsage
	}
	if err := readErr(); err != nil && !interrupted {
		e.errorf("%v", err)
		status = exitUsage
	}
	if recW != nil {
		if err := recW.Close(); err != nil {
			e.errorf("--records: %v", err)
			status = exitUsage
		}
	}
	if err := e.writeSummary(sum, *sumFormat, *sumOut, fedLayout()); err != nil {
		e.errorf("summary: %v", err)
		status = exitUsage
	}
	if status == exitOK && failAt != 0 && worst >= failAt {
		status = exitFindings
	}
	return status
}

func (e *environment) writeSummary(sum *summary.Summary, format, out string, layout summary.Layout) error {
	var w io.Writer = e.stdout
	if out != "" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(sum)
	case "markdown", "md":
		return summary.Markdown(w, sum, layout)
	case "html":
		return summary.HTML(w, sum, layout)
	}
	return summary.Text(w, sum, layout)
}

// merge combines the JSON summaries of audit shards into one summary.
func (e *environment) merge(args []string) int {
	fs := flag.NewFlagSet("xmpplint merge", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	sumFormat := fs.String("summary", "json", "output format: json (to merge again), text, markdown or html")
	sumOut := fs.String("summary-out", "", "write the merged summary to this file instead of standard output")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: xmpplint merge [flags] SUMMARY.json...\n\nCombine the JSON summaries of `xmpplint audit --shard I/N --summary json` runs.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return helpOrUsage(err)
	}
	if fs.NArg() == 0 {
		e.errorf("merge needs at least one JSON summary file")
		return exitUsage
	}
	total := summary.New()
	for _, path := range fs.Args() {
		data, err := os.ReadFile(path)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		var part summary.Summary
		if err := json.Unmarshal(data, &part); err != nil {
			e.errorf("%s: not a JSON summary: %v", path, err)
			return exitUsage
		}
		if err := total.Merge(&part); err != nil {
			e.errorf("%s: %v", path, err)
			return exitUsage
		}
	}
	if err := checkShards(total.Shards); err != nil {
		e.errorf("%v", err)
	}
	if err := e.writeSummary(total, *sumFormat, *sumOut, fedLayout()); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	return exitOK
}

// checkShards warns about duplicate or missing shards: merging 0/4 twice,
// or only three of four, gives wrong totals.
func checkShards(shards []string) error {
	if len(shards) == 0 {
		return nil
	}
	seen := map[string]bool{}
	n := -1
	for _, s := range shards {
		sh, err := parseShard(s)
		if err != nil {
			return fmt.Errorf("warning: summary names shard %q: %v", s, err)
		}
		if seen[s] {
			return fmt.Errorf("warning: shard %s merged twice: totals count it twice", s)
		}
		seen[s] = true
		if n != -1 && sh.n != n {
			return fmt.Errorf("warning: shards of different splits merged (%d and %d)", n, sh.n)
		}
		n = sh.n
	}
	if len(seen) != n {
		return fmt.Errorf("warning: %d of %d shards merged: totals are partial", len(seen), n)
	}
	return nil
}
