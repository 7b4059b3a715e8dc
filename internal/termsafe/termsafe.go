// Package termsafe shows text that comes from input (certificate fields, file
// names, server messages, error strings) on a terminal without letting it
// drive the terminal: every control character is replaced by a visible
// escape, so that a subject holding ESC [2J, an OSC title sequence, a
// carriage return or a newline followed by a forged "OK no findings" line
// prints as text on the line it belongs to.
//
// Escaped: C0 controls (U+0000 to U+001F, tab and newline included: the
// text writers put each value on one line of their own), DEL, C1 controls
// (U+0080 to U+009F, which 8-bit terminals read as CSI, OSC...), the bidi
// embedding, override, isolate and mark characters (Trojan Source, CVE-2021-42574),
// the Unicode line and paragraph separators, and bytes that are not UTF-8
// (a lone 0x9b is CSI to some terminals). They are written as Go escapes:
// \t \n \r, \x1b for the other C0 controls, DEL and stray bytes, \u009b and
// \u202e for the others. The colour codes xmpplint itself writes are added
// around escaped text, never from it.
package termsafe

import (
	"strconv"
	"unicode/utf8"
)

// Unsafe reports whether r is a character String escapes.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true // bidi marks, embeddings, overrides and isolates
	case r == 0x2028, r == 0x2029:
		return true // line and paragraph separators
	}
	return false
}

// clean reports whether s is valid UTF-8 without an unsafe character. It
// does not allocate.
func clean(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || Unsafe(r) {
			return false
		}
		i += n
	}
	return true
}

// String returns s with every unsafe character and every byte that is not
// UTF-8 replaced by a visible escape; s itself when there is none.
func String(s string) string {
	if clean(s) {
		return s
	}
	return string(Append(make([]byte, 0, len(s)+16), s))
}

// Append appends String(s) to dst.
func Append(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			dst = appendHex(dst, `\x`, uint32(s[i]), 2)
		case r == '\t':
			dst = append(dst, `\t`...)
		case r == '\n':
			dst = append(dst, `\n`...)
		case r == '\r':
			dst = append(dst, `\r`...)
		case r < 0x80 && Unsafe(r):
			dst = appendHex(dst, `\x`, uint32(r), 2)
		case Unsafe(r):
			dst = appendHex(dst, `\u`, uint32(r), 4)
		default:
			dst = append(dst, s[i:i+n]...)
		}
		i += n
	}
	return dst
}

func appendHex(dst []byte, prefix string, v uint32, width int) []byte {
	dst = append(dst, prefix...)
	h := strconv.FormatUint(uint64(v), 16)
	for k := len(h); k < width; k++ {
		dst = append(dst, '0')
	}
	return append(dst, h...)
}

// Strings applies String to each element, into a new slice when any
// changes.
func Strings(ss []string) []string {
	for i, s := range ss {
		if !clean(s) {
			out := append([]string(nil), ss...)
			for j := i; j < len(out); j++ {
				out[j] = String(out[j])
			}
			return out
		}
	}
	return ss
}
