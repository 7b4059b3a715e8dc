package termsafe

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// hostile is what the attacks put in a subject, a file name or a server's
// error text, and what each must print as.
var hostile = []struct{ in, want string }{
	{"example.org", "example.org"},
	{"Bücher.example", "Bücher.example"},
	{"\x1b[2J", `\x1b[2J`},
	{"\x1b]0;pwned\x07", `\x1b]0;pwned\x07`},
	{"a\rOK", `a\rOK`},
	{"x\n  OK     no findings", `x\n  OK     no findings`},
	{"tab\there", `tab\there`},
	{"del\x7f", `del\x7f`},
	{"\u009b31m", `\u009b31m`},
	{"\x9b31m", `\x9b31m`},
	{"evil\u202egpj.exe", `evil\u202egpj.exe`},
	{"\u2066iso\u2069", `\u2066iso\u2069`},
	{"line\u2028sep", `line\u2028sep`},
	{"\x00nul", `\x00nul`},
	{"\xff\xfe", `\xff\xfe`},
}

func TestString(t *testing.T) {
	t.Parallel()
	for _, tc := range hostile {
		if got := String(tc.in); got != tc.want {
			t.Errorf("String(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	ss := []string{"a", "b\x1b"}
	if got := Strings(ss); got[1] != `b\x1b` || ss[1] != "b\x1b" {
		t.Errorf("Strings = %q (input now %q)", got, ss)
	}
}

// FuzzString: nothing unsafe survives, the result is UTF-8, and safe text
// is left as it is.
func FuzzString(f *testing.F) {
	for _, tc := range hostile {
		f.Add(tc.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := String(s)
		if !utf8.ValidString(got) {
			t.Fatalf("String(%q) = %q: not UTF-8", s, got)
		}
		for _, r := range got {
			if Unsafe(r) {
				t.Fatalf("String(%q) = %q holds %U", s, got, r)
			}
		}
		if clean(s) != (got == s) {
			t.Fatalf("String(%q) = %q: changed %v, clean %v", s, got, got != s, clean(s))
		}
		if strings.Count(got, "\\") < strings.Count(s, "\\") {
			t.Fatalf("String(%q) = %q lost text", s, got)
		}
	})
}
