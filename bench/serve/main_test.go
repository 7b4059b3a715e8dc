package main

import (
	"bytes"
	"strings"
	"testing"
)

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
