package xmppaddr

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/encoding/asn1"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestCountDistinct: countDistinct counts what distinct renders, over
// values that differ in content, string type, class or decoding error.
func TestCountDistinct(t *testing.T) {
	u := asn1.ClassUniversal
	vals := []xmpp.OtherNameValue{
		{Class: u, Tag: xmpp.TagUTF8String, Value: "example.org"},
		{Class: u, Tag: xmpp.TagIA5String, Value: "example.org"},
		{Class: asn1.ClassContextSpecific, Tag: xmpp.TagUTF8String, Value: "example.org"},
		{Class: u, Tag: xmpp.TagUTF8String, Value: "Example.org"},
		{Class: u, Tag: 99, Value: "example.org"},
		{Err: errors.New("truncated")},
		{Err: errors.New("other")},
		{Class: u, Tag: xmpp.TagUTF8String, Value: "example.org", Err: errors.New("truncated")},
	}
	// Every pair (with repeats) and every triple of those values.
	for i := range vals {
		for j := range vals {
			for k := range vals {
				xs := []xmpp.XmppAddr{{OtherNameValue: vals[i]}, {OtherNameValue: vals[j]}, {OtherNameValue: vals[k]}}
				want := distinct(xs)
				if got := countDistinct(xs); got != len(want) {
					t.Errorf("values %d %d %d: countDistinct %d, distinct renders %d", i, j, k, got, len(want))
				}
				if got, n := list(xs); got != strings.Join(want, ", ") || n != len(want) {
					t.Errorf("values %d %d %d: list %q, want %q", i, j, k, got, strings.Join(want, ", "))
				}
			}
		}
	}
}

// distinct, the reference countDistinct and list are tested against, returns the rendered values of xs without repeats, in order.
func distinct(xs []xmpp.XmppAddr) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		s := x.OtherNameValue.String()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// TestListBounded: list names the first few distinct values and counts the
// rest, so that a certificate with 40,000 XmppAddrs makes a short sentence.
func TestListBounded(t *testing.T) {
	var xs []xmpp.XmppAddr
	for i := 0; i < 40000; i++ {
		v := xmpp.OtherNameValue{Class: asn1.ClassUniversal, Tag: xmpp.TagUTF8String, Value: "h" + strconv.Itoa(i%20000) + ".example"}
		xs = append(xs, xmpp.XmppAddr{OtherNameValue: v})
	}
	got, n := list(xs)
	want := `"h0.example" (UTF8String), "h1.example" (UTF8String), "h2.example" (UTF8String), "h3.example" (UTF8String), "h4.example" (UTF8String) and 19995 more (20000 in all)`
	if got != want {
		t.Errorf("list:\n got %s\nwant %s", got, want)
	}
	if n != 20000 || countDistinct(xs) != 20000 {
		t.Errorf("list counts %d, countDistinct %d, want 20000", n, countDistinct(xs))
	}
}
