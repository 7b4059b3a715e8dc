package xmpp_test

import (
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestNameIndexMatchesDNSMatch: the index answers exactly what a pass over
// the names with DNSMatch (and with ToLower equality) answers, for names
// and references that differ in case, trailing dots, wildcards valid and
// not, non-ASCII letters that fold to ASCII ones, and empty labels.
func TestNameIndexMatchesDNSMatch(t *testing.T) {
	t.Parallel()
	pool := []string{"filler.invalid.x",
		"", ".", "example.org", "EXAMPLE.org.", "a.example.org", "*.example.org", "*.Example.ORG.",
		"f*.example.org", "*.*.example.org", "*.", "*", "org", "xn--bcher-kva.example", "\u212aelvin.example",
		"kelvin.example", "a..example.org", "*.a..example.org", "x.a..example.org",
	}
	for i := 0; i < 1<<6; i++ {
		var names []string
		for j, n := range pool {
			if (i>>(j%6))&1 == 1 && j%3 != i%3 {
				names = append(names, n)
			}
		}
		// The same names past the size where maps take over: repeats
		// change nothing.
		var many []string
		for len(many) <= 16 {
			many = append(many, names...)
			many = append(many, "filler.invalid")
		}
		for _, ix := range []*xmpp.NameIndex{xmpp.NewNameIndex(names), xmpp.NewNameIndex(many)} {
			for _, ref := range pool {
				want, wantLower := false, false
				for _, n := range names {
					want = want || xmpp.DNSMatch(n, ref)
					wantLower = wantLower || strings.ToLower(strings.TrimSuffix(n, ".")) == ref
				}
				if got := ix.Match(ref); got != want {
					t.Errorf("names %q: Match(%q) = %v, DNSMatch says %v", names, ref, got, want)
				}
				wantWild := ""
				for _, n := range names {
					if strings.HasPrefix(n, "*.") && xmpp.DNSMatch(n, ref) {
						wantWild = n
						break
					}
				}
				if got := ix.Wildcard(ref); got != wantWild {
					t.Errorf("names %q: Wildcard(%q) = %q, want %q", names, ref, got, wantWild)
				}
				if got := ix.HasLower(ref); got != wantLower {
					t.Errorf("names %q: HasLower(%q) = %v, want %v", names, ref, got, wantLower)
				}
			}
		}
	}
}
