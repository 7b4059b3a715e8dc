package xmpp

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Bounds on what one certificate can make a record grow to: a hostile
// certificate of a megabyte holds tens of thousands of names, and a lint's
// Details that listed each of them would be a line of megabytes.
const (
	// FewItems is how many values a Details sentence lists before it
	// counts the rest.
	FewItems = 5
	// MaxDetails is the most bytes of Details a result carries; a longer
	// one (a few very long values) is cut at a UTF-8 boundary and says so.
	MaxDetails = 4096
)

// Few joins the first FewItems parts with sep and counts the rest: "a, b,
// c, d, e and 39995 more (40000 in all)". Parts beyond the first few are
// never rendered by the caller when it uses FewOf.
func Few(parts []string, sep string) string {
	if len(parts) <= FewItems {
		return strings.Join(parts, sep)
	}
	return strings.Join(parts[:FewItems], sep) + MoreCount(len(parts)-FewItems, len(parts))
}

// MoreCount is the tail Few appends after the first values: " and N more
// (T in all)".
func MoreCount(more, total int) string {
	return " and " + strconv.Itoa(more) + " more (" + strconv.Itoa(total) + " in all)"
}

// FewOf renders the first FewItems of n values with render and joins them
// as Few does, so that a long list costs only the values shown.
func FewOf(n int, sep string, render func(i int) string) string {
	k := min(n, FewItems)
	parts := make([]string, k)
	for i := range k {
		parts[i] = render(i)
	}
	s := strings.Join(parts, sep)
	if n > k {
		s += MoreCount(n-k, n)
	}
	return s
}

// CapText cuts a sentence made from certificate values (a lint's Details, a
// verdict's reason) to MaxDetails bytes at a UTF-8 boundary, saying how
// long it was.
func CapText(s string) string { return capDetails(s) }

// capDetails cuts s to MaxDetails bytes at a UTF-8 boundary, saying how
// long it was.
func capDetails(s string) string {
	if len(s) <= MaxDetails {
		return s
	}
	cut := MaxDetails
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + " [details cut at " + strconv.Itoa(cut) + " of " + strconv.Itoa(len(s)) + " bytes]"
}

// Findings collects one clause per offending value for a Details sentence:
// it renders the first FewItems and counts the rest, so that a certificate
// with forty thousand bad values costs forty thousand checks but only a few
// renderings.
type Findings struct {
	few []string
	n   int
}

// Add counts one finding and, when it is among the first few, renders it.
func (f *Findings) Add(clause func() string) {
	f.n++
	if len(f.few) < FewItems {
		f.few = append(f.few, clause())
	}
}

// Len is the number of findings added.
func (f *Findings) Len() int { return f.n }

// Join renders the first findings joined by sep, then the count of the rest.
func (f *Findings) Join(sep string) string {
	s := strings.Join(f.few, sep)
	if f.n > len(f.few) {
		s += MoreCount(f.n-len(f.few), f.n)
	}
	return s
}
