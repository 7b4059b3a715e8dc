package xmppaddr

import (
	"errors"
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
				if got, want := countDistinct(xs), len(distinct(xs)); got != want {
					t.Errorf("values %d %d %d: countDistinct %d, distinct renders %d", i, j, k, got, want)
				}
			}
		}
	}
}
