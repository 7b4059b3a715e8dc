package input

import (
	"bytes"
	"context"
	"io"
	"runtime"
	"strings"
	"testing"
)

// stream renders n certificates in a format, cycling through the fixture.
func stream(tb testing.TB, f Format, n int) []byte {
	c := certs(tb)
	goods := [][]byte{c.leaf, c.inter, c.root, c.other}
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		der := goods[i%len(goods)]
		switch f {
		case FormatPEM:
			b.WriteString(certPEM(der))
		case FormatDER:
			b.Write(der)
		case FormatBase64:
			b.WriteString(b64(der) + "\n")
		case FormatNDJSON:
			b.WriteString(`{"name":"c","raw":"` + b64(der) + `"}` + "\n")
		}
	}
	return b.Bytes()
}

func countItems(tb testing.TB, data []byte, opts Options) int {
	n := 0
	err := ReadFrom(context.Background(), "bench", bytes.NewReader(data), opts, func(it Item) error {
		if it.Err != nil {
			tb.Fatal(it.Err)
		}
		n++
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// BenchmarkRead reads 100,000 certificates per operation in each format
// and reports the cost per certificate.
func BenchmarkRead(b *testing.B) {
	const n = 100_000
	for _, f := range []Format{FormatBase64, FormatPEM, FormatDER, FormatNDJSON} {
		b.Run(string(f), func(b *testing.B) {
			data := stream(b, f, n)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			var ms0, ms1 runtime.MemStats
			runtime.ReadMemStats(&ms0)
			b.ResetTimer()
			for b.Loop() {
				if got := countItems(b, data, Options{}); got != n {
					b.Fatalf("%d items", got)
				}
			}
			b.StopTimer()
			runtime.ReadMemStats(&ms1)
			certs := float64(b.N) * n
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/certs, "ns/cert")
			b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/certs, "allocs/cert")
		})
	}
}

// Allocation budget per certificate: the DER and the item's name, plus a
// few for encoding/json. A regression guard, not a timing.
func TestAllocsPerCertificate(t *testing.T) {
	if testing.Short() {
		t.Skip("the allocation budget reads 2,000 certificates per format; skipped under -short")
	}
	const n = 2000
	budget := map[Format]float64{FormatBase64: 2.5, FormatPEM: 2.5, FormatDER: 2.5, FormatNDJSON: 9.5}
	for f, max := range budget {
		data := stream(t, f, n)
		allocs := testing.AllocsPerRun(3, func() { countItems(t, data, Options{}) }) / n
		t.Logf("%s: %.2f allocations per certificate", f, allocs)
		if allocs > max {
			t.Errorf("%s: %.2f allocations per certificate, budget %.1f", f, allocs, max)
		}
	}
}

// generator produces an endless stream without holding it in memory.
type generator struct {
	line  []byte
	left  int // lines still to produce
	chunk []byte
}

func (g *generator) Read(p []byte) (int, error) {
	if len(g.chunk) == 0 {
		if g.left == 0 {
			return 0, io.EOF
		}
		g.chunk = g.line
		g.left--
	}
	n := copy(p, g.chunk)
	g.chunk = g.chunk[n:]
	return n, nil
}

// Memory stays flat: the live heap after reading many certificates is
// what it was early on. The NDJSON lines are longer than the read buffer,
// to exercise the long-line path.
func TestFlatMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("the flat-memory check reads large inputs; skipped under -short")
	}
	c := certs(t)
	tests := []struct {
		f    Format
		line string
		n    int
	}{
		{FormatPEM, "junk between blocks\n" + certPEM(c.leaf), 300_000},
		{FormatBase64, b64(c.leaf) + "\n", 300_000},
		{FormatNDJSON, `{"raw":"` + b64(c.leaf) + `","pad":"` + strings.Repeat("x", 100_000) + `"}` + "\n", 3_000},
	}
	for _, tt := range tests {
		var first, peak uint64
		count := 0
		err := ReadFrom(context.Background(), "gen", &generator{line: []byte(tt.line), left: tt.n}, Options{}, func(it Item) error {
			count++
			if count%(tt.n/10) == tt.n/20 {
				var ms runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&ms)
				if first == 0 {
					first = ms.HeapAlloc
				}
				peak = max(peak, ms.HeapAlloc)
			}
			return nil
		})
		if err != nil || count != tt.n {
			t.Fatalf("%s: %d items, %v", tt.f, count, err)
		}
		t.Logf("%s: live heap %d KiB after %d certificates, at most %d KiB up to %d", tt.f, first>>10, tt.n/20, peak>>10, tt.n)
		if peak > first+1<<20 {
			t.Errorf("%s: live heap grew from %d to %d KiB", tt.f, first>>10, peak>>10)
		}
	}
}
