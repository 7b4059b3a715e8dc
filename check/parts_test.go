package check_test

import (
	"testing"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func parsedCorpus(b *testing.B) []*x509.Certificate {
	var out []*x509.Certificate
	for _, der := range allDERs(b) {
		if c, err := x509.ParseCertificate(der); err == nil {
			out = append(out, c)
		}
	}
	return out
}

func BenchmarkPartParse(b *testing.B) {
	ders := allDERs(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x509.ParseCertificate(ders[i%len(ders)])
	}
}

func BenchmarkPartNewCert(b *testing.B) {
	cs := parsedCorpus(b)
	opts := xmpp.DefaultOptions()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		xmpp.NewCert(cs[i%len(cs)], opts)
	}
}

func BenchmarkPartLints(b *testing.B) {
	cs := parsedCorpus(b)
	opts := xmpp.DefaultOptions()
	var vs []*xmpp.Cert
	for _, c := range cs {
		vs = append(vs, xmpp.NewCert(c, opts))
	}
	all, _ := check.Select(check.Config{})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v := vs[i%len(vs)]
		for _, info := range all {
			info.Run(v)
		}
	}
}

func BenchmarkPartEvaluate(b *testing.B) {
	cs := parsedCorpus(b)
	opts := xmpp.DefaultOptions()
	var vs []*xmpp.Cert
	for _, c := range cs {
		vs = append(vs, xmpp.NewCert(c, opts))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		interop.Evaluate(vs[i%len(vs)])
	}
}

func BenchmarkPartSubject(b *testing.B) {
	cs := parsedCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = cs[i%len(cs)].Subject.String()
		_ = cs[i%len(cs)].Issuer.String()
	}
}

// BenchmarkPartDNString: BenchmarkPartSubject's names written by the
// record's own formatter.
func BenchmarkPartDNString(b *testing.B) {
	cs := parsedCorpus(b)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = check.DNString(&cs[i%len(cs)].Subject)
		_ = check.DNString(&cs[i%len(cs)].Issuer)
	}
}
