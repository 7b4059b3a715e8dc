package bench

import (
	"encoding/asn1"
	"time"
)

// builder appends DER. open writes a tag and a one-byte length placeholder;
// close fixes the length, moving the content when it needs a long form.
// Building a certificate this way costs a few microseconds, far less than
// signing it.
type builder struct {
	buf   []byte
	stack []int
}

// DER tags used by the generator.
const (
	tagBoolean     = 0x01
	tagInteger     = 0x02
	tagBitString   = 0x03
	tagOctetString = 0x04
	tagNull        = 0x05
	tagOID         = 0x06
	tagUTF8String  = 0x0c
	tagPrintable   = 0x13
	tagIA5String   = 0x16
	tagUTCTime     = 0x17
	tagSequence    = 0x30
	tagSet         = 0x31
)

// Context-specific tags.
func ctxPrim(n byte) byte { return 0x80 | n }
func ctxCons(n byte) byte { return 0xa0 | n }

func (b *builder) reset() {
	b.buf = b.buf[:0]
	b.stack = b.stack[:0]
}

func (b *builder) open(tag byte) {
	b.buf = append(b.buf, tag, 0)
	b.stack = append(b.stack, len(b.buf))
}

func (b *builder) close() {
	start := b.stack[len(b.stack)-1]
	b.stack = b.stack[:len(b.stack)-1]
	n := len(b.buf) - start
	if n < 0x80 {
		b.buf[start-1] = byte(n)
		return
	}
	k := 0
	for m := n; m > 0; m >>= 8 {
		k++
	}
	for i := 0; i < k; i++ {
		b.buf = append(b.buf, 0)
	}
	copy(b.buf[start+k:], b.buf[start:start+n])
	b.buf[start-1] = 0x80 | byte(k)
	for i := k - 1; i >= 0; i-- {
		b.buf[start+i] = byte(n)
		n >>= 8
	}
}

// prim appends a primitive TLV.
func (b *builder) prim(tag byte, content []byte) {
	b.open(tag)
	b.buf = append(b.buf, content...)
	b.close()
}

func (b *builder) str(tag byte, s string) {
	b.open(tag)
	b.buf = append(b.buf, s...)
	b.close()
}

// raw appends bytes that are already DER.
func (b *builder) raw(der []byte) { b.buf = append(b.buf, der...) }

// oid appends a pre-encoded OBJECT IDENTIFIER (see mustOID).
func (b *builder) oid(o []byte) { b.raw(o) }

// uint appends a non-negative INTEGER from big-endian magnitude bytes.
func (b *builder) uint(mag []byte) {
	for len(mag) > 1 && mag[0] == 0 {
		mag = mag[1:]
	}
	b.open(tagInteger)
	if len(mag) == 0 || mag[0]&0x80 != 0 {
		b.buf = append(b.buf, 0)
	}
	b.buf = append(b.buf, mag...)
	b.close()
}

func (b *builder) small(v int) { b.uint([]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)}) }

func (b *builder) boolean(v bool) {
	if v {
		b.prim(tagBoolean, []byte{0xff})
	} else {
		b.prim(tagBoolean, []byte{0})
	}
}

// bitString appends a BIT STRING with no unused bits.
func (b *builder) bitString(content []byte) {
	b.open(tagBitString)
	b.buf = append(b.buf, 0)
	b.buf = append(b.buf, content...)
	b.close()
}

// utcTime appends a UTCTime (the generator's dates are before 2050).
func (b *builder) utcTime(t time.Time) {
	b.open(tagUTCTime)
	b.buf = t.UTC().AppendFormat(b.buf, "060102150405Z")
	b.close()
}

// mustOID encodes an OBJECT IDENTIFIER TLV once, at package init.
func mustOID(ids ...int) []byte {
	der, err := asn1.Marshal(asn1.ObjectIdentifier(ids))
	if err != nil {
		panic(err)
	}
	return der
}
