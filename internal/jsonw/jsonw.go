// Package jsonw appends JSON to byte slices without reflection, for the
// records xmpplint writes by the million. Its output is byte for byte what
// encoding/json writes with SetEscapeHTML(false), except that it also
// escapes the characters a terminal acts on that encoding/json leaves raw:
// C1 controls (U+0080 to U+009F: U+009B is CSI to xterm in UTF-8 mode) and
// the bidi marks, embeddings, overrides and isolates (termsafe.Unsafe), as
// \u009b, \u202e. The decoded strings are the same; the tests compare
// them, and the bytes where no such character is present. A user who
// `cat`s a record file sees the escape, not its effect. Escape does the
// same to what encoding/json wrote (SARIF, summaries).
package jsonw

import (
	"unicode/utf8"

	"github.com/xmpplint/xmpplint/internal/termsafe"
)

const hex = "0123456789abcdef"

// plain marks the bytes a JSON string holds as they are: printable ASCII
// other than '"' and '\\'.
var plain = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// String appends s as a JSON string.
func String(b []byte, s string) []byte {
	b = append(b, '"')
	i := 0
	for i < len(s) && plain[s[i]] {
		i++
	}
	if i == len(s) { // the common case: nothing to escape
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if termsafe.Unsafe(r) { // C1, bidi, U+2028 and U+2029
			b = append(b, s[start:i]...)
			b = appendU(b, r)
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// appendU appends r, a character of the Basic Multilingual Plane, as \uXXXX.
func appendU(b []byte, r rune) []byte {
	return append(b, '\\', 'u', hex[r>>12&0xf], hex[r>>8&0xf], hex[r>>4&0xf], hex[r&0xf])
}

// Escape rewrites, in JSON that encoding/json wrote, every raw character
// String escapes beyond what encoding/json does (C1 controls, bidi marks)
// as \uXXXX. Outside strings JSON is ASCII, so every non-ASCII character
// is inside a string, where the escape stands for the same character. b is
// returned unchanged when it holds none.
func Escape(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return b
	}
	var out []byte
	start := 0
	for i < len(b) {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r > 0x7f && termsafe.Unsafe(r) {
			if out == nil {
				out = make([]byte, 0, len(b)+64)
			}
			out = append(out, b[start:i]...)
			out = appendU(out, r)
			start = i + size
		}
		i += size
	}
	if out == nil {
		return b
	}
	return append(out, b[start:]...)
}

// Key appends "k": after a comma unless first.
func Key(b []byte, k string, first bool) []byte {
	if !first {
		b = append(b, ',')
	}
	b = String(b, k)
	return append(b, ':')
}

// Strings appends a JSON array of strings.
func Strings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = String(b, s)
	}
	return append(b, ']')
}
