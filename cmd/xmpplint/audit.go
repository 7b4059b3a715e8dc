package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/jsonw"
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

// summaryDefault is the summary format of audit and merge.
const summaryDefault = "text"

// auditOptions are the flags of xmpplint audit.
type auditOptions struct {
	lintFlags
	workers                int
	records, output, color string
	sumFormat, sumOut      string
	shard, progress        string
}

func newAuditCmd(e *environment) *cobra.Command {
	o := &auditOptions{}
	cmd := &cobra.Command{
		Use:   "audit [flags] PATH...|-",
		Short: "audit a corpus: records and a summary, in parallel",
		Long:  "Audit a certificate corpus: one record per certificate, in input order, and a summary.",
		Example: `  xmpplint audit --records records.ndjson --summary html --summary-out report.html corpus/
  xmpplint audit --shard 0/4 --summary json --summary-out s0.json big-corpus.ndjson`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.parsed(cmd.Flags())
			return exitErr(e.audit(o, args))
		},
	}
	fs := cmd.Flags()
	o.register(fs, "none")
	fs.IntVar(&o.workers, "workers", 0, "lint workers (default: all cores)")
	fs.StringVar(&o.records, "records", "", "write one record per certificate, in input order, to this file (\"-\" for standard output)")
	fs.StringVar(&o.output, "output", "ndjson", "format of the --records: ndjson (one JSON object per certificate), json, sarif or text")
	fs.StringVar(&o.color, "color", "auto", "colour in text records: auto (on a terminal, unless NO_COLOR is set), always or never")
	fs.StringVar(&o.sumFormat, "summary", summaryDefault, "summary format: text, json, markdown or html")
	fs.StringVar(&o.sumOut, "summary-out", "", "write the summary to this file instead of standard output")
	fs.StringVar(&o.shard, "shard", "", "audit only shard I/N: the certificates whose index modulo N is I (a chain goes with its leaf)")
	fs.StringVar(&o.progress, "progress", "auto", "progress bar on standard error: auto (when it is a terminal), always or never")
	registerCompletions(cmd)
	return cmd
}

// checkSummaryFormat validates --summary for audit and merge.
func checkSummaryFormat(f string) error {
	switch f {
	case "text", "json", "markdown", "md", "html":
		return nil
	}
	return fmt.Errorf("--summary %q: want text, json, markdown or html", f)
}

// audit audits paths with o.
func (e *environment) audit(o *auditOptions, paths []string) int {
	lf := &o.lintFlags
	if err := checkWorkers(o.workers, lf.explicit["workers"]); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	sh, err := parseShard(o.shard)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if err := checkSummaryFormat(o.sumFormat); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	switch o.progress {
	case "auto", "always", "never":
	default:
		e.errorf("--progress %q: want auto, always or never", o.progress)
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
	if len(paths) == 0 {
		e.errorf("audit needs at least one PATH, or - for standard input")
		return exitUsage
	}
	// --output and --color are checked with or without --records.
	if _, err := (&environment{stdout: io.Discard}).recordWriter(o.output, o.color, ch); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}

	var recW recordWriter
	if o.records != "" {
		out := e
		if o.records != "-" {
			f, err := os.Create(o.records)
			if err != nil {
				e.errorf("--records: %v", err)
				return exitUsage
			}
			defer f.Close()
			copied := *e
			copied.stdout = f
			out = &copied
		}
		if recW, err = out.recordWriter(o.output, o.color, ch); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	var bar *progressbar.ProgressBar
	if o.progress == "always" || (o.progress == "auto" && isTerminal(e.stderr)) {
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
	var skips skipList
	src, readErr := e.openSource(paths, lf.format, sh, &skips)
	var prepare func(*check.Record)
	if _, ok := recW.(*ndjsonWriter); ok {
		prepare = check.EncodeLine // in the workers
	}
	flusher := newRecordFlusher(recW)
	runErr := ch.RunPrepared(ctx, o.workers, src, prepare, func(rec check.Record) error {
		sum.Add(&rec)
		if w := rec.Worst(); w > worst {
			worst = w
		}
		if bar != nil {
			bar.Add(1)
		}
		var err error
		if recW != nil {
			err = flusher.write(&rec)
		}
		rec.Release() // written and counted: its buffers serve the next records
		return err
	})
	if err := flusher.stop(); err != nil && runErr == nil {
		runErr = err
	}
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
	e.noteSkips(&skips, nil)
	if recW != nil {
		if err := recW.Close(); err != nil {
			e.errorf("--records: %v", err)
			status = exitUsage
		}
	}
	if err := e.writeSummary(sum, o.sumFormat, o.sumOut, fedLayout()); err != nil {
		e.errorf("summary: %v", err)
		status = exitUsage
	}
	if status == exitOK && gate.fails(worst) {
		status = exitFindings
	}
	if runErr == nil && status != exitInterrupted && sh.n == 1 && sum.Certificates-sum.ParseErrors == 0 {
		// (A shard may hold nothing of a small input.)
		e.errorf("%s", nothingLinted(paths, sum.ParseErrors))
		status = exitUsage
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
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
		_, err := w.Write(jsonw.Escape(buf.Bytes())) // C1 and bidi from input escaped, as in the records
		return err
	case "markdown", "md":
		return summary.Markdown(w, sum, layout)
	case "html":
		return summary.HTML(w, sum, layout)
	}
	return summary.Text(w, sum, layout)
}

// mergeOptions are the flags of xmpplint merge.
type mergeOptions struct {
	sumFormat, sumOut string
}

func newMergeCmd(e *environment) *cobra.Command {
	o := &mergeOptions{}
	cmd := &cobra.Command{
		Use:   "merge [flags] SUMMARY.json...",
		Short: "combine the JSON summaries of audit shards",
		Long:  "Combine the JSON summaries of `xmpplint audit --shard I/N --summary json` runs.",
		Example: `  xmpplint merge s0.json s1.json s2.json s3.json --summary text
  xmpplint merge summary-*.json --summary json > total.json    # JSON merges again`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return exitErr(e.merge(o, args))
		},
	}
	cmd.Flags().StringVar(&o.sumFormat, "summary", summaryDefault, "output format: text, json (to merge again), markdown or html")
	cmd.Flags().StringVar(&o.sumOut, "summary-out", "", "write the merged summary to this file instead of standard output")
	registerCompletions(cmd)
	return cmd
}

// merge combines the JSON summaries of audit shards into one summary.
func (e *environment) merge(o *mergeOptions, files []string) int {
	if err := checkSummaryFormat(o.sumFormat); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if len(files) == 0 {
		e.errorf("merge needs at least one JSON summary file")
		return exitUsage
	}
	total := summary.New()
	for _, path := range files {
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
	if err := e.writeSummary(total, o.sumFormat, o.sumOut, fedLayout()); err != nil {
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

// recordFlusher writes records and flushes them at most every
// flushInterval while they come, and once more flushInterval after the
// last one: a slow producer on a pipe sees every record within a fraction
// of a second, the last of a burst included (flushing only on a write
// left the second of two certificates written together in the buffer
// until the next one came); a fast corpus pays one flush per interval.
type recordFlusher struct {
	mu        sync.Mutex
	w         recordWriter
	f         interface{ Flush() error } // nil: w does not buffer by record
	dirty     bool
	lastFlush time.Time
	err       error // a flush from the timer failed
	done      chan struct{}
	stopped   chan struct{}
}

const flushInterval = 100 * time.Millisecond

func newRecordFlusher(w recordWriter) *recordFlusher {
	rf := &recordFlusher{w: w, done: make(chan struct{}), stopped: make(chan struct{})}
	rf.f, _ = w.(interface{ Flush() error })
	if rf.f == nil {
		close(rf.stopped)
		return rf
	}
	go func() {
		defer close(rf.stopped)
		t := time.NewTicker(flushInterval)
		defer t.Stop()
		for {
			select {
			case <-rf.done:
				return
			case <-t.C:
			}
			rf.mu.Lock()
			if rf.dirty && rf.err == nil && time.Since(rf.lastFlush) >= flushInterval {
				rf.err, rf.dirty, rf.lastFlush = rf.f.Flush(), false, time.Now()
			}
			rf.mu.Unlock()
		}
	}()
	return rf
}

func (rf *recordFlusher) write(rec *check.Record) error {
	rf.mu.Lock()
	defer rf.mu.Unlock()
	if rf.err != nil {
		return rf.err
	}
	if err := rf.w.Write(rec); err != nil {
		return err
	}
	rf.dirty = true
	if rf.f != nil {
		if now := time.Now(); now.Sub(rf.lastFlush) >= flushInterval {
			rf.err, rf.dirty, rf.lastFlush = rf.f.Flush(), false, now
		}
	}
	return rf.err
}

// stop ends the timer (before the writer is closed) and returns a flush
// error it met.
func (rf *recordFlusher) stop() error {
	select {
	case <-rf.done:
	default:
		close(rf.done)
	}
	<-rf.stopped
	rf.mu.Lock()
	defer rf.mu.Unlock()
	return rf.err
}
