package bench

import (
	"io"
	"runtime"
)

// DefaultN is the default corpus size.
const DefaultN = 100000

// chunkLines is how many lines a generation job holds.
const chunkLines = 512

// Generate writes lines 0..n-1 of the corpus to w, one base64 DER (or
// garbage) per line, on workers goroutines (all cores when workers < 1).
// The bytes depend on n only: line i is the same in every corpus that has
// it, whatever the worker count, so a smaller corpus is a prefix of a
// larger one.
func Generate(w io.Writer, n, workers int) (Stats, error) {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type chunk struct {
		start, end int
		buf        []byte
		stats      Stats
		done       chan struct{}
	}
	jobs := make(chan *chunk, workers)
	order := make(chan *chunk, 4*workers)
	stop := make(chan struct{})
	defer close(stop)
	for k := 0; k < workers; k++ {
		go func() {
			g := NewGen()
			for c := range jobs {
				for i := c.start; i < c.end; i++ {
					var kind Kind
					before := len(c.buf)
					c.buf, kind = g.AppendLine(c.buf, i)
					c.buf = append(c.buf, '\n')
					c.stats.Lines++
					c.stats.Kinds[kind]++
					c.stats.Bytes += int64(len(c.buf) - before)
				}
				close(c.done)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(order)
		for start := 0; start < n; start += chunkLines {
			c := &chunk{start: start, end: min(start+chunkLines, n), done: make(chan struct{})}
			select {
			case order <- c:
			case <-stop:
				return
			}
			jobs <- c
		}
	}()
	var total Stats
	for c := range order {
		<-c.done
		if _, err := w.Write(c.buf); err != nil {
			return total, err
		}
		total.add(&c.stats)
	}
	return total, nil
}

// Sample returns the DER of lines 0..n-1 that decode (certificates,
// intermediates and truncated certificates; not the garbage lines), for
// benchmarks that skip the reader.
func Sample(n int) [][]byte {
	g := NewGen()
	var out [][]byte
	for i := 0; i < n; i++ {
		if der, k := g.Cert(i); k != KindGarbage {
			out = append(out, der)
		}
	}
	return out
}
