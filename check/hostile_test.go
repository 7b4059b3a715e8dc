package check_test

import (
	"os"
	"testing"

	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/xmpplint/xmpplint/check"
)

// TestShortEd25519SelfIssued: a self-issued certificate (or TBS) with an
// Ed25519 key of 31 bytes made zcrypto's parse panic in crypto/ed25519,
// ending the whole run. OpenSSL parses the certificate (and cannot load the
// key); the engine's decoder reads it and lints it, and the self-signed
// check, which would verify with that key, answers no instead of panicking.
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
		// The engine's decoder reads it (OpenSSL parses the certificate
		// too); the key is never used to verify anything it cannot, so
		// nothing panics: the certificate is linted, not an internal error.
		if rec.Error != "" || len(rec.Results) == 0 {
			t.Errorf("%s: error %q, %d results", rec.Input, rec.Error, len(rec.Results))
		}
		if os.Getenv("XMPPLINT_DUMP_ED25519") != "" {
			os.WriteFile(os.Getenv("XMPPLINT_DUMP_ED25519"), cb.BytesOrPanic(), 0o644)
		}
	}
}
