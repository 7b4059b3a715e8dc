package input

import (
	"context"
	"io"
)

// cancelReader lets a read of a pipe or a terminal end when ctx is done,
// so that Ctrl-C stops reading at once even when no data comes. Each read
// of the source runs in a goroutine on the reader's own buffer; a read
// still blocked when ctx ends is abandoned, and its goroutine ends when the
// source delivers or closes.
type cancelReader struct {
	ctx     context.Context
	src     io.Reader
	buf     []byte
	pending []byte // read from src, not yet returned
	err     error  // src's error, returned once pending is empty
	busy    bool   // a read of src is in flight
	done    chan readResult
}

type readResult struct {
	n   int
	err error
}

// newCancelReader wraps r, unless ctx can never be cancelled.
func newCancelReader(ctx context.Context, r io.Reader) io.Reader {
	if ctx.Done() == nil {
		return r
	}
	return &cancelReader{ctx: ctx, src: r, buf: make([]byte, 32<<10), done: make(chan readResult, 1)}
}

func (c *cancelReader) Read(p []byte) (int, error) {
	if len(c.pending) == 0 && c.err == nil && len(p) > 0 {
		if !c.busy {
			c.busy = true
			go func(buf []byte) {
				n, err := c.src.Read(buf)
				c.done <- readResult{n, err}
			}(c.buf)
		}
		select {
		case <-c.ctx.Done():
			return 0, c.ctx.Err()
		case res := <-c.done:
			c.busy = false
			c.pending, c.err = c.buf[:res.n], res.err
		}
	}
	if len(c.pending) > 0 {
		n := copy(p, c.pending)
		c.pending = c.pending[n:]
		return n, nil
	}
	return 0, c.err
}
