package input

import (
	"sync"
	"time"

	"github.com/zmap/zcrypto/x509"
)

// IdleGrouper is a Grouper for inputs that may pause, such as a pipe fed by
// a slow producer: the Grouper holds a leaf until the next item says
// whether a chain follows, so without it the last record of a burst waits
// for the next certificate. IdleGrouper emits the open group once no item
// has come for the idle time. Add, Flush and the idle flush are
// serialised; emit is called from Add, Flush or the idle goroutine, one
// call at a time.
//
// For chains: a leaf and the CA certificates after it are written together
// (a fullchain.pem, a server's presented chain), far quicker than the idle
// time, so they still make one group. A CA certificate that comes after
// the input was idle stands alone, as it would after a new input.
type IdleGrouper struct {
	mu   sync.Mutex
	g    *Grouper
	idle time.Duration
	last time.Time // when the last Add or Flush ended
	stop chan struct{}
	done chan struct{}
}

// NewIdleGrouper returns a Grouper that also emits its open group after
// idle without an item. Call Close when the items end.
func NewIdleGrouper(emit func(Group) error, idle time.Duration) *IdleGrouper {
	ig := &IdleGrouper{g: NewGrouper(emit), idle: idle, last: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	go ig.watch()
	return ig
}

// Add adds the next item, as Grouper.Add does.
func (ig *IdleGrouper) Add(it Item, c *x509.Certificate) error {
	ig.mu.Lock()
	defer ig.mu.Unlock()
	err := ig.g.Add(it, c)
	ig.last = time.Now()
	return err
}

// Close stops the idle watch and emits the open group, if any.
func (ig *IdleGrouper) Close() error {
	close(ig.stop)
	<-ig.done
	ig.mu.Lock()
	defer ig.mu.Unlock()
	return ig.g.Flush()
}

func (ig *IdleGrouper) watch() {
	defer close(ig.done)
	t := time.NewTicker(ig.idle / 4)
	defer t.Stop()
	for {
		select {
		case <-ig.stop:
			return
		case <-t.C:
		}
		ig.mu.Lock()
		if ig.g.open && time.Since(ig.last) >= ig.idle {
			// emit's error is not seen here: give an IdleGrouper an emit
			// that fails only once nothing takes groups any more.
			_ = ig.g.Flush()
			ig.last = time.Now()
		}
		ig.mu.Unlock()
	}
}
