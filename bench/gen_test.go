package bench

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"testing"

	"github.com/zmap/zcrypto/x509"
)

// TestDeterministic: the same N gives the same bytes, whatever the worker
// count, and a smaller corpus is a prefix of a larger one.
func TestDeterministic(t *testing.T) {
	const n = 1500
	var a, b, c bytes.Buffer
	sa, err := Generate(&a, n, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(&b, n, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(&c, 700, 2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("two generations of %d lines differ: sha256 %x vs %x", n, sha256.Sum256(a.Bytes()), sha256.Sum256(b.Bytes()))
	}
	if !bytes.HasPrefix(a.Bytes(), c.Bytes()) {
		t.Fatal("the 700-line corpus is not a prefix of the 1500-line one")
	}
	if sa.Lines != n || bytes.Count(a.Bytes(), []byte("\n")) != n {
		t.Fatalf("got %d lines (stats %d), want %d", bytes.Count(a.Bytes(), []byte("\n")), sa.Lines, n)
	}
	for k, cnt := range sa.Kinds {
		if cnt == 0 {
			t.Errorf("no line of kind %s in %d lines", Kind(k), n)
		}
	}
}

// TestParses: every certificate line parses with zcrypto, every truncated
// one fails, every garbage line fails base64.
func TestParses(t *testing.T) {
	g := NewGen()
	for i := 0; i < 1500; i++ {
		line, kind := g.AppendLine(nil, i)
		der, err := base64.StdEncoding.DecodeString(string(line))
		if kind == KindGarbage {
			if err == nil {
				t.Errorf("line %d: garbage decodes as base64", i)
			}
			continue
		}
		if err != nil {
			t.Fatalf("line %d (%s): %v", i, kind, err)
		}
		c, err := x509.ParseCertificate(der)
		switch {
		case kind == KindTruncated && err == nil:
			t.Errorf("line %d: truncated certificate parses", i)
		case kind != KindTruncated && err != nil:
			t.Errorf("line %d (%s): %v", i, kind, err)
		case kind == KindIntermediate && !c.IsCA:
			t.Errorf("line %d: intermediate is not a CA", i)
		}
	}
}
