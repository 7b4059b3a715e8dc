package input

import (
	"bufio"
	"compress/gzip"
	"io"
	"strings"
)

// Gzip-compressed inputs (any input that starts with the gzip magic, .gz
// or not) are read decompressed. Decompressing costs time in proportion
// to the output, so the output is capped: past gzipFloor bytes, it may not
// exceed gzipRatio times the compressed bytes read. Real certificate files
// compress a few times over; a gzip bomb (a thousand times) is an error
// item, not minutes of work.
const (
	gzipFloor = 16 << 20
	gzipRatio = 100
)

var gzipMagic = []byte{0x1f, 0x8b}

// isGzip reports an input that starts with the gzip magic.
func isGzip(br *bufio.Reader) bool {
	b, _ := br.Peek(2)
	return len(b) == 2 && b[0] == gzipMagic[0] && b[1] == gzipMagic[1]
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// gunzipReader decompresses with the cap above, and words gzip's errors
// as reasons of the input.
type gunzipReader struct {
	zr  *gzip.Reader
	in  *countingReader
	out int64
}

func (g *gunzipReader) Read(p []byte) (int, error) {
	n, err := g.zr.Read(p)
	g.out += int64(n)
	if g.out > gzipFloor && g.out > gzipRatio*g.in.n {
		return n, reason(ErrTooLarge, "gzip: decompresses to more than %d times its size (%d bytes from %d): a gzip bomb?", gzipRatio, g.out, g.in.n)
	}
	switch {
	case err == nil || err == io.EOF:
	case err == io.ErrUnexpectedEOF:
		err = reason(ErrTruncated, "gzip: truncated compressed data after %d bytes", g.out)
	case err == gzip.ErrChecksum || err == gzip.ErrHeader || strings.HasPrefix(err.Error(), "flate:"):
		err = reason(ErrMalformed, "gzip: %v", strings.TrimPrefix(err.Error(), "gzip: "))
	}
	return n, err
}

// gunzip returns the decompressed stream of br, which starts with the gzip
// magic, or the reason it cannot be read.
func (s *streamReader) gunzip(br *bufio.Reader) (io.Reader, error) {
	in := &countingReader{r: br}
	if s.zr == nil {
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, reason(ErrMalformed, "gzip: %v", strings.TrimPrefix(err.Error(), "gzip: "))
		}
		s.zr = zr
	} else if err := s.zr.Reset(in); err != nil {
		return nil, reason(ErrMalformed, "gzip: %v", strings.TrimPrefix(err.Error(), "gzip: "))
	}
	return &gunzipReader{zr: s.zr, in: in}, nil
}

// stripGz drops a .gz suffix from a name: certs.pem.gz is named for PEM.
func stripGz(name string) string {
	if n := len(name); n > 3 && strings.EqualFold(name[n-3:], ".gz") {
		return name[:n-3]
	}
	return name
}
