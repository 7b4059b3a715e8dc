// Command gen writes xmpplint's synthetic benchmark corpus: N certificates
// as base64 DER, one per line (the format `xmpplint audit` and the
// baseline read). The corpus is deterministic: the same N gives the same
// bytes, and a smaller corpus is a prefix of a larger one. See package
// bench for the mix.
//
//	go run ./bench/gen --n 100000 --out corpus.b64
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/xmpplint/xmpplint/bench"
)

func main() {
	n := flag.Int("n", bench.DefaultN, "number of lines (certificates, including the malformed ones)")
	out := flag.String("out", "-", "output file (- for standard output); written to a temporary name and renamed when complete")
	workers := flag.Int("workers", 0, "generation goroutines (default: all cores); the output does not depend on it")
	quiet := flag.Bool("q", false, "do not print the statistics on standard error")
	flag.Parse()
	if *n < 0 || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*n, *out, *workers, *quiet); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(n int, out string, workers int, quiet bool) error {
	var w io.Writer = os.Stdout
	var f *os.File
	if out != "-" {
		var err error
		if f, err = os.Create(out + ".tmp"); err != nil {
			return err
		}
		defer os.Remove(out + ".tmp") // no-op after the rename
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	start := time.Now()
	st, err := bench.Generate(bw, n, workers)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && f != nil {
		if err = f.Close(); err == nil {
			err = os.Rename(out+".tmp", out)
		}
	}
	if err != nil {
		return err
	}
	if !quiet {
		el := time.Since(start)
		fmt.Fprintf(os.Stderr, "gen: %v in %.1fs (%.0f lines/s)\n", st, el.Seconds(), float64(n)/el.Seconds())
	}
	return nil
}
