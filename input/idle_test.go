package input

import (
	"sync"
	"testing"
	"time"

	zx509 "github.com/zmap/zcrypto/x509"
)

// TestIdleGrouper: a leaf and its chain added together make one group; a
// leaf followed by a pause is handed on without waiting for the next
// item, and a CA certificate after the pause stands alone; Close hands on
// what is left.
func TestIdleGrouper(t *testing.T) {
	p := newPKI(t)
	var mu sync.Mutex
	var got []string
	ig := NewIdleGrouper(func(g Group) error {
		mu.Lock()
		defer mu.Unlock()
		s := p.label(g.Head)
		for _, m := range g.Chain {
			s += "+" + p.label(m)
		}
		got = append(got, s)
		return nil
	}, 100*time.Millisecond)
	count := func() int {
		mu.Lock()
		defer mu.Unlock()
		return len(got)
	}
	index := 0
	add := func(name string) {
		der := p.der[name]
		c, err := zx509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		if err := ig.Add(Item{Path: "-", Index: index, Input: inputName("-", index), DER: der}, c); err != nil {
			t.Fatal(err)
		}
		index++
	}
	add("L")
	add("I2")
	add("I1")
	if n := count(); n != 0 {
		t.Fatalf("%d groups before the pause, want the chain still open", n)
	}
	time.Sleep(400 * time.Millisecond)
	if n := count(); n != 1 {
		t.Fatalf("%d groups after a pause, want the leaf's", n)
	}
	add("L2")
	time.Sleep(400 * time.Millisecond)
	add("I1") // after the pause: stands alone
	add("L")
	if err := ig.Close(); err != nil {
		t.Fatal(err)
	}
	want := "L+I2+I1 L2 I1 L"
	if s := join(got); s != want {
		t.Errorf("groups %q, want %q", s, want)
	}
}

func join(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += " "
		}
		out += s
	}
	return out
}
