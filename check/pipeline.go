package check

import (
	"context"
	"runtime"
)

// Source yields groups in input order. It returns false when the input is
// exhausted (or ctx is done).
type Source func(ctx context.Context) (Group, bool)

// Run checks the groups of src on workers goroutines (all cores when
// workers < 1) and calls emit with every record in input order. Memory
// stays bounded: at most a few groups per worker are in flight. When ctx
// is cancelled, Run stops taking new groups, emits the records of the
// groups already taken, and returns ctx.Err(). An error from emit stops the
// run and is returned.
func (ch *Checker) Run(ctx context.Context, workers int, src Source, emit func(Record) error) error {
	return ch.RunPrepared(ctx, workers, src, nil, emit)
}

// RunPrepared is Run with prepare called on each record in the worker that
// made it, before the record reaches emit: work that is per record and
// order-free (encoding it, say) then runs on every core instead of in the
// one goroutine that keeps the order.
func (ch *Checker) RunPrepared(ctx context.Context, workers int, src Source, prepare func(*Record), emit func(Record) error) error {
	if workers < 1 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		g   Group
		out chan []Record
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan job, 2*workers)
	order := make(chan chan []Record, 4*workers)
	stop := make(chan struct{})
	defer close(stop)

	for i := 0; i < workers; i++ {
		go func() {
			for j := range jobs {
				recs := ch.Check(j.g)
				if prepare != nil {
					for i := range recs {
						prepare(&recs[i])
					}
				}
				j.out <- recs
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(order)
		for {
			g, ok := src(ctx)
			if !ok {
				return
			}
			out := make(chan []Record, 1)
			select {
			case order <- out:
			case <-stop:
				return
			}
			jobs <- job{g, out}
		}
	}()
	var emitErr error
	for out := range order {
		recs := <-out
		if emitErr != nil {
			continue // drain so the producer and workers finish
		}
		for _, r := range recs {
			if err := emit(r); err != nil {
				emitErr = err
				cancel() // the source stops; what is in flight drains
				break
			}
		}
	}
	if emitErr != nil {
		return emitErr
	}
	return parent.Err()
}
