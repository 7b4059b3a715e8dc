package bench

import (
	"strconv"
	"testing"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/check"
)

// BenchmarkManyNames: the audit's per-certificate work (parse, every lint,
// federation verdicts, the record as NDJSON) on one certificate with N
// names of each kind. Lints must be linear or n log n in the number of
// names: scripts/bench-names prints each kind's time over the DNS-ID time
// at the same N (the goal is within 10x).
func BenchmarkManyNames(b *testing.B) {
	ch, err := NewChecker()
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{10000, 40000} {
		for _, kind := range NameKinds {
			der, err := ManyNames(kind, n)
			if err != nil {
				b.Fatal(err)
			}
			b.Run(kind+"/n="+strconv.Itoa(n), func(b *testing.B) {
				var buf []byte
				cpu0, n := CPUTime(), 0
				for b.Loop() {
					for _, rec := range ch.Check(check.Group{Leaf: check.Cert{Input: "many.der", DER: der}}) {
						buf = rec.AppendJSON(buf[:0])
					}
					n++
				}
				b.ReportMetric(float64(len(buf)), "record-bytes")
				if cpu := CPUTime() - cpu0; cpu > 0 {
					// Steadier than ns/op on a shared machine: the process's
					// user+sys time, GC included.
					b.ReportMetric(float64(cpu.Microseconds())/1000/float64(n), "cpu-ms/cert")
				}
			})
		}
	}
}

// TestManyNames: the generator gives what it says, n parsed names of the
// kind asked for.
func TestManyNames(t *testing.T) {
	t.Parallel()
	for _, kind := range NameKinds {
		der, err := ManyNames(kind, 30)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		got := len(c.DNSNames) + len(c.OtherNames)
		if kind == "cn" {
			got += len(c.Subject.CommonNames)
		}
		if got != 30 {
			t.Errorf("%s: %d names, want 30", kind, got)
		}
	}
	if _, err := ManyNames("ipaddr", 1); err == nil {
		t.Error("unknown kind accepted")
	}
}
