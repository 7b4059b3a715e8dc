package input

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
)

// reasonError is a reason in words that errors.Is matches to its kind
// (ErrTooLarge, ErrTruncated, ...).
type reasonError struct {
	kind error
	msg  string
}

func (e *reasonError) Error() string        { return e.msg }
func (e *reasonError) Is(target error) bool { return target == e.kind }

func reason(kind error, format string, args ...any) error {
	return &reasonError{kind: kind, msg: fmt.Sprintf(format, args...)}
}

// decodeBase64 decodes standard or URL-safe base64, padded or not, into a
// new slice of at most max bytes.
func decodeBase64(s []byte, max int) ([]byte, error) {
	for len(s) > 0 && s[len(s)-1] == '=' {
		s = s[:len(s)-1]
	}
	if len(s) == 0 {
		return nil, reason(ErrMalformed, "empty base64")
	}
	n := base64.RawStdEncoding.DecodedLen(len(s))
	if n > max {
		return nil, reason(ErrTooLarge, "certificate of about %d bytes exceeds the %d-byte limit", n, max)
	}
	der := make([]byte, n)
	k, err := base64.RawStdEncoding.Decode(der, s)
	if err != nil && bytes.ContainsAny(s, "-_") { // the URL-safe alphabet
		k, err = base64.RawURLEncoding.Decode(der, s)
	}
	if err != nil {
		var ce base64.CorruptInputError
		if errors.As(err, &ce) {
			return nil, reason(ErrMalformed, "bad base64 at character %d", int64(ce)+1)
		}
		return nil, reason(ErrMalformed, "bad base64: %v", err)
	}
	return der[:k], nil
}

// tlvHeader parses the header of a DER SEQUENCE at the start of b: its
// header length and content length. ok is false when b holds too few bytes
// to tell; err is set when the header is not a definite-length SEQUENCE.
func tlvHeader(b []byte) (hdr, n int, ok bool, err error) {
	if len(b) < 2 {
		return 0, 0, false, nil
	}
	if b[0] != 0x30 {
		return 0, 0, false, reason(ErrMalformed, "not a DER certificate: tag 0x%02x where a SEQUENCE (0x30) should start", b[0])
	}
	l := b[1]
	switch {
	case l < 0x80:
		return 2, int(l), true, nil
	case l == 0x80:
		return 0, 0, false, reason(ErrMalformed, "indefinite length: BER, not DER")
	case l > 0x84:
		return 0, 0, false, reason(ErrMalformed, "length of %d bytes", l&0x7f)
	}
	hdr = 2 + int(l&0x7f)
	if len(b) < hdr {
		return 0, 0, false, nil
	}
	var v uint64
	for _, c := range b[2:hdr] {
		v = v<<8 | uint64(c)
	}
	if v > math.MaxInt32 { // never a certificate; keeps int safe on 32-bit
		v = math.MaxInt32
	}
	return hdr, int(v), true, nil
}

// firstTLV returns the certificate at the start of an OpenSSL TRUSTED
// CERTIFICATE, dropping the trust settings that follow it.
func firstTLV(b []byte) ([]byte, error) {
	hdr, n, ok, err := tlvHeader(b)
	if err != nil {
		return nil, err
	}
	if !ok || hdr+n > len(b) {
		return nil, reason(ErrTruncated, "truncated certificate in TRUSTED CERTIFICATE block")
	}
	return b[:hdr+n], nil
}
