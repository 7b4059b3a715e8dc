package bench

import (
	"bufio"
	"io"
	"strconv"
	"sync"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	_ "github.com/xmpplint/xmpplint/lints"
)

// benchLines is how many corpus lines the benchmarks cycle through (the
// garbage lines, which never reach a parser, left out): enough variety that
// one certificate's data does not stay in the caches.
const benchLines = 4096

var (
	sampleOnce sync.Once
	sample     [][]byte
	inputs     []string
)

// loop runs op on the sample's certificates in turn and reports, besides
// ns/op, certificates per second and CPU microseconds per certificate
// (user+sys of the whole process, GC included: steadier than ns/op on a
// shared machine).
func loop(b *testing.B, op func(der []byte, input string)) {
	sampleOnce.Do(func() {
		sample = Sample(benchLines)
		for i := range sample {
			inputs = append(inputs, "bench.b64#"+strconv.Itoa(i))
		}
	})
	b.ReportAllocs()
	cpu0 := CPUTime()
	n := 0
	for b.Loop() {
		i := n % len(sample)
		op(sample[i], inputs[i])
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "certs/s")
	if cpu := CPUTime() - cpu0; cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(n), "cpu-µs/cert")
	}
}

// BenchmarkParse: zcrypto x509.ParseCertificate on each certificate of the
// mix (truncated ones fail): the floor for any zlint-based tool.
func BenchmarkParse(b *testing.B) {
	loop(b, func(der []byte, _ string) { _, _ = x509.ParseCertificate(der) })
}

// BenchmarkCheck: the audit's per-certificate work in its workers,
// check.Checker.Check on a one-certificate group with every xmpplint lint
// and the federation verdicts; parsing included.
func BenchmarkCheck(b *testing.B) {
	ch, err := NewChecker()
	if err != nil {
		b.Fatal(err)
	}
	loop(b, func(der []byte, in string) { _ = ch.Check(check.Group{Leaf: check.Cert{Input: in, DER: der}}) })
}

// BenchmarkCheckRecordJSON: Check, then the record written as the audit's
// --records NDJSON writer writes it (Record.AppendJSON into a reused
// buffer).
func BenchmarkCheckRecordJSON(b *testing.B) {
	ch, err := NewChecker()
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(io.Discard, 64<<10)
	var buf []byte
	loop(b, func(der []byte, in string) {
		for _, rec := range ch.Check(check.Group{Leaf: check.Cert{Input: in, DER: der}}) {
			buf = append(rec.AppendJSON(buf[:0]), '\n')
			if _, err := w.Write(buf); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkZlint: parse, then zlint's own full lint set (the xmpplint lints,
// registered in this binary, are filtered out).
func BenchmarkZlint(b *testing.B) {
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{ExcludeNames: AllLints()})
	if err != nil {
		b.Fatal(err)
	}
	loop(b, func(der []byte, _ string) {
		if c, err := x509.ParseCertificate(der); err == nil {
			_ = zlint.LintCertificateEx(c, reg)
		}
	})
}
