package check_test

import (
	"strings"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/xmpplint/xmpplint/check"
)

// TestShortEd25519SelfIssued: a self-issued certificate (or TBS) with an
// Ed25519 key of 31 bytes made zcrypto's parse panic in crypto/ed25519,
// ending the whole run; it is an error record naming the input.
func TestShortEd25519SelfIssued(t *testing.T) {
	t.Parallel()
	name := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.SET, func(b *cryptobyte.Builder) {
				b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
					b.AddASN1ObjectIdentifier([]int{2, 5, 4, 3})
					b.AddASN1(cbasn1.UTF8String, func(b *cryptobyte.Builder) { b.AddBytes([]byte("x")) })
				})
			})
		})
	}
	alg := func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) { b.AddASN1ObjectIdentifier([]int{1, 3, 101, 112}) })
	}
	var tb cryptobyte.Builder
	tb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddASN1(cbasn1.Tag(0).Constructed().ContextSpecific(), func(b *cryptobyte.Builder) { b.AddASN1Int64(2) })
		b.AddASN1Int64(1)
		alg(b)
		name(b)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			b.AddASN1(cbasn1.UTCTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte("200101000000Z")) })
			b.AddASN1(cbasn1.UTCTime, func(b *cryptobyte.Builder) { b.AddBytes([]byte("300101000000Z")) })
		})
		name(b)
		b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
			alg(b)
			b.AddASN1BitString(make([]byte, 31))
		})
	})
	tbs := tb.BytesOrPanic()
	var cb cryptobyte.Builder
	cb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		alg(b)
		b.AddASN1BitString(make([]byte, 64))
	})
	ch := everyLint(t, nil)
	for _, rec := range []check.Record{ch.CheckOne(check.Cert{Input: "c.pem#0", DER: cb.BytesOrPanic()}), ch.CheckTBS("t.der#0", tbs)} {
		if !strings.HasPrefix(rec.Error, rec.Input+": not a parseable") || !strings.Contains(rec.Error, "bad public key length") {
			t.Errorf("%s: %q", rec.Input, rec.Error)
		}
	}
}
