package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// TestMain lets the test binary be the benchmark's server process too:
// Run starts os.Executable() with -server-child.
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == "-server-child" {
		if err := serveChild(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestRun runs the benchmark small: every level answers, the figures are
// positive and ordered, and the table names the goals.
func TestRun(t *testing.T) {
	res, err := Run(40, 1, 20, []int{1, 2, 8})
	if err != nil {
		t.Fatal(err)
	}
	if res.InProcess <= 0 || len(res.Levels) != 3 {
		t.Fatalf("%+v", res)
	}
	for _, l := range res.Levels {
		if l.Rate <= 0 || l.P50 <= 0 || l.P99 < l.P50 {
			t.Errorf("level %+v", l)
		}
	}
	var b bytes.Buffer
	res.Print(&b)
	for _, want := range []string{"in-process (", "serve, concurrency 8", "goal: concurrency 2 at >= 0.5 of in-process", "goal: concurrency 2 p99 < 5ms"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
