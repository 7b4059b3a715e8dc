package input

import (
	"bufio"
	"context"
	"errors"
	"io"
)

// lineReader reads lines of at most max bytes from a bufio.Reader. Lines
// that fit the bufio buffer are returned in place; longer ones are
// assembled in one buffer reused from line to line, and a line over max is
// consumed without being kept.
type lineReader struct {
	ctx  context.Context
	r    *bufio.Reader
	max  int
	buf  []byte
	line int // number of the line last returned
}

// errLineTooLong reports a line over the cap; the line was consumed.
var errLineTooLong = errors.New("line too long")

// next returns the next line without its "\n" or "\r\n". It returns
// errLineTooLong for a line over the cap (reading can go on), io.EOF after
// the last line, and any other error from the underlying reader or ctx
// (reading must stop). The line is valid until the next call.
func (l *lineReader) next() ([]byte, error) {
	if l.line&1023 == 0 {
		if err := l.ctx.Err(); err != nil {
			return nil, err
		}
	}
	frag, err := l.r.ReadSlice('\n')
	if len(frag) == 0 && err != nil {
		if err == bufio.ErrBufferFull { // cannot happen with a non-empty buffer
			err = io.ErrNoProgress
		}
		return nil, err
	}
	l.line++
	if err == nil || err == io.EOF {
		line := trimEOL(frag)
		if len(line) > l.max {
			return nil, errLineTooLong
		}
		return line, nil
	}
	if err != bufio.ErrBufferFull {
		return nil, err
	}
	// A line longer than the bufio buffer: gather it, up to the cap.
	long := false
	l.buf = append(l.buf[:0], frag...)
	for err == bufio.ErrBufferFull {
		frag, err = l.r.ReadSlice('\n')
		if !long && len(l.buf)+len(frag) > l.max+2 { // +2: room for "\r\n"
			long = true
		}
		if !long {
			l.buf = append(l.buf, frag...)
		}
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	line := trimEOL(l.buf)
	if long || len(line) > l.max {
		return nil, errLineTooLong
	}
	return line, nil
}

func trimEOL(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
	}
	return b
}

// trimSpace trims ASCII white space, without the Unicode tables of
// bytes.TrimSpace.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && isSpace(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isSpace(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'
}
