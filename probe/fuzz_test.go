package probe

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzParseTarget: any string is a target or an error, never a panic; a
// target's domain is a host name in A-label form.
func FuzzParseTarget(f *testing.F) {
	for _, s := range []string{"xmpp:example.org", "xmpp://127.0.0.1:5269/example.org", "xmpp:u@éx.example",
		"xmpp://[::1]/x.example", "xmpp:%00", "xmpp://h:99999/x", "xmpp:a/b", "xmpp:."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []*Prober{&s2sProber, &c2sProber} {
			tg, err := ParseTarget(s, p, false)
			if err != nil {
				continue
			}
			if tg.ASCII == "" || strings.ContainsAny(tg.ASCII, "@/ *") || !utf8.ValidString(tg.ASCII) {
				t.Errorf("%q: domain %q", s, tg.ASCII)
			}
			if tg.Given != nil && (tg.Given.Port < 1 || tg.Given.Port > 65535 || tg.Given.Host == "") {
				t.Errorf("%q: endpoint %+v", s, tg.Given)
			}
		}
	})
}

// FuzzLabelValue: a label value is valid UTF-8, bounded, and holds no
// control or bidirectional formatting character.
func FuzzLabelValue(f *testing.F) {
	for _, s := range []string{"CN=x", "\x1b[2J", "a\u202eb", "\xff\xfe", strings.Repeat("ü", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := labelValue(s)
		if !utf8.ValidString(v) || len(v) > maxLabel+3 {
			t.Fatalf("labelValue(%q) = %q", s, v)
		}
		for _, r := range v {
			if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
				t.Fatalf("labelValue(%q) = %q holds %U", s, v, r)
			}
		}
	})
}
