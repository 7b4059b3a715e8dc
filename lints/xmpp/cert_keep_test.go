package xmpp_test

import (
	"reflect"
	"testing"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestKeep: Keep filters in order; a result that is its input cannot be
// appended into the input's spare capacity.
func TestKeep(t *testing.T) {
	even := func(n *int) bool { return *n%2 == 0 }
	for _, c := range []struct{ in, want []int }{
		{nil, nil},
		{[]int{2, 4}, []int{2, 4}},
		{[]int{1, 2, 3, 4}, []int{2, 4}},
		{[]int{2, 1}, []int{2}},
		{[]int{1}, []int{}},
	} {
		if got := xmpp.Keep(c.in, even); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Keep(%v) = %#v, want %#v", c.in, got, c.want)
		}
	}
	backing := []int{2, 4, 6, 8}
	in := backing[:2]
	out := xmpp.Keep(in, even)
	_ = append(out, 99)
	if backing[2] != 6 {
		t.Errorf("appending to Keep's result wrote into its input: %v", backing)
	}
}
