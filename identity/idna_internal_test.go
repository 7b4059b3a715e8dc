package identity

import (
	"testing"
	"unicode"

	"golang.org/x/net/idna"
)

// idna2008Slow is idna2008 without its fast path.
func idna2008Slow(dom string) bool {
	if _, err := idna.Registration.ToASCII(dom); err != nil {
		return false
	}
	for _, r := range dom {
		if r != '.' && r != '-' && !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// FuzzIDNA2008FastPath: the LDH fast path answers what the full check does.
func FuzzIDNA2008FastPath(f *testing.F) {
	for _, s := range []string{"example.org", "a-b.c", "ab--cd.example", "-a.b", "a.b.", "xn--bcher-kva.example", "123.456", "A.b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := idna2008(s), idna2008Slow(s); got != want {
			t.Errorf("idna2008(%q) = %v, the full check says %v", s, got, want)
		}
	})
}
