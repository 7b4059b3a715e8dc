package server

import (
	"context"
	"errors"
	"time"
)

var (
	errQueueFull    = errors.New("too many requests waiting for a lint slot")
	errQueueTimeout = errors.New("no lint slot became free in time")
)

// limiter bounds the lints running at once and the requests waiting for
// one. Beyond the queue a request is refused at once (429); a request
// that waits longer than the timeout is refused (503). Neither holds a
// request body: handlers read the body after they get a slot.
type limiter struct {
	slots   chan struct{}
	queue   chan struct{}
	timeout time.Duration
	m       *metrics
}

func newLimiter(concurrent, queue int, timeout time.Duration, m *metrics) *limiter {
	return &limiter{
		slots:   make(chan struct{}, concurrent),
		queue:   make(chan struct{}, queue),
		timeout: timeout,
		m:       m,
	}
}

// acquire takes a slot; release must be called once the lint is done.
func (l *limiter) acquire(ctx context.Context) (release func(), err error) {
	select {
	case l.slots <- struct{}{}:
		return l.took(), nil
	default:
	}
	select {
	case l.queue <- struct{}{}:
	default:
		l.m.rejected.WithLabelValues("queue_full").Inc()
		return nil, errQueueFull
	}
	l.m.waiting.Inc()
	defer func() {
		<-l.queue
		l.m.waiting.Dec()
	}()
	t := time.NewTimer(l.timeout)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return l.took(), nil
	case <-t.C:
		l.m.rejected.WithLabelValues("queue_timeout").Inc()
		return nil, errQueueTimeout
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (l *limiter) took() func() {
	l.m.inFlight.Inc()
	return func() {
		l.m.inFlight.Dec()
		<-l.slots
	}
}
