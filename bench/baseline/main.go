// Command baseline measures the floors and anchors `xmpplint audit` is
// compared with, on the same input, read by the same reader (package input)
// and run through the same pipeline shape as the audit's engine
// (check.Checker.Run): one reader goroutine, N workers, one writer that
// takes the results in input order.
//
//	baseline --mode parse --workers 2 corpus.b64
//
// Modes:
//
//	read   the reader alone (no parse): the cost of input.Read
//	parse  zcrypto x509.ParseCertificate on each certificate: the floor for
//	       any zlint-based tool
//	zlint  parse, then zlint's full lint set (zlint.LintCertificate, the
//	       lints zlint v3 registers; xmpplint's are not linked in)
//
// It prints one line of key=value pairs: mode, workers, certs, ok, errors
// (read or parse failures), seconds, rate (certificates per second, from
// the first read to the last result) and vmhwm_kb (peak resident memory,
// VmHWM of /proc/self/status).
package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/input"
)

type result struct {
	err      bool
	findings int // zlint results at notice or above
}

func main() {
	mode := flag.String("mode", "parse", "read, parse or zlint")
	workers := flag.Int("workers", 0, "worker goroutines (default: all cores)")
	format := flag.String("format", "auto", "input format, as xmpplint's --format")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: baseline [--mode read|parse|zlint] [--workers N] PATH...|-\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	var work func(it input.Item) result
	switch *mode {
	case "read":
		work = func(it input.Item) result { return result{err: it.Err != nil} }
	case "parse":
		work = func(it input.Item) result {
			if it.Err != nil {
				return result{err: true}
			}
			_, err := x509.ParseCertificate(it.DER)
			return result{err: err != nil}
		}
	case "zlint":
		work = func(it input.Item) result {
			if it.Err != nil {
				return result{err: true}
			}
			c, err := x509.ParseCertificate(it.DER)
			if err != nil {
				return result{err: true}
			}
			n := 0
			for _, r := range zlint.LintCertificate(c).Results {
				if r.Status >= lint.Notice {
					n++
				}
			}
			return result{findings: n}
		}
	default:
		fmt.Fprintf(os.Stderr, "baseline: --mode %q: want read, parse or zlint\n", *mode)
		os.Exit(2)
	}
	f, err := input.ParseFormat(*format)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(2)
	}
	w := *workers
	if w < 1 {
		w = runtime.GOMAXPROCS(0)
	}
	var ok, bad, findings int
	start := time.Now()
	err = run(context.Background(), flag.Args(), input.Options{Format: f}, w, work, func(r result) {
		if r.err {
			bad++
		} else {
			ok++
		}
		findings += r.findings
	})
	el := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, "baseline:", err)
		os.Exit(1)
	}
	n := ok + bad
	fmt.Printf("mode=%s workers=%d certs=%d ok=%d errors=%d findings=%d seconds=%.3f rate=%.0f vmhwm_kb=%d\n",
		*mode, w, n, ok, bad, findings, el.Seconds(), float64(n)/el.Seconds(), vmHWM())
}

// run is check.Checker.Run's shape: the reader hands each item to a worker
// with a one-slot channel for its result, and queues that channel in input
// order; the writer (the caller's goroutine) drains the queue.
func run(ctx context.Context, paths []string, opts input.Options, workers int, work func(input.Item) result, emit func(result)) error {
	type job struct {
		it  input.Item
		out chan result
	}
	jobs := make(chan job, 2*workers)
	order := make(chan chan result, 4*workers)
	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				j.out <- work(j.it)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(jobs)
		defer close(order)
		readErr <- input.Read(ctx, paths, os.Stdin, opts, func(it input.Item) error {
			out := make(chan result, 1)
			order <- out
			jobs <- job{it, out}
			return nil
		})
	}()
	for out := range order {
		emit(<-out)
	}
	return <-readErr
}

// vmHWM returns the peak resident set size in kB, or -1.
func vmHWM() int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			var kb int
			if _, err := fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), &kb); err == nil {
				return kb
			}
		}
	}
	return -1
}
