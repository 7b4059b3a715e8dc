package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/input"
)

// openSource starts reading paths (or stdin) in a goroutine: one reader
// that decodes the inputs, groups each leaf with the CA certificates that
// follow it (input.Grouper, fed by check.LightParse so that the full parse
// stays in the workers), keeps the groups of shard sh, and hands them to
// the checker's workers through a bounded queue. The returned function,
// called after the run, reports a fatal reading error, or an I/O error
// summary when some inputs could not be opened or read (exit status 2;
// their records say which).
//
// Files that directory walks skip are counted and named in skips.
// Nothing read is lost to an interruption: when the run's context is done,
// the reader stops reading, hands on the group its grouper holds, and the
// source gives every group read before it reports the end. A group is
// also handed on when the input pauses for groupIdle (a slow producer on a
// pipe sees each record promptly, not when the next certificate comes).
func (e *environment) openSource(paths []string, format string, sh shard, skips *skipList) (check.Source, func() error) {
	groups := make(chan check.Group, 64)
	var (
		mu       sync.Mutex
		fatal    error
		ioFailed int
		started  bool
		done     = make(chan struct{})
	)
	start := func(ctx context.Context) {
		go func() {
			defer close(done)
			defer close(groups)
			index := 0 // certificate index over all inputs, for --shard
			grouper := input.NewIdleGrouper(func(g input.Group) error {
				first := index
				index += 1 + len(g.Chain)
				if first%sh.n != sh.i {
					recycle(g)
					return nil
				}
				cg := check.Group{Leaf: member(g.Head)}
				for _, m := range g.Chain {
					cg.Chain = append(cg.Chain, member(m))
				}
				recycle(g)   // the workers parse the DER again, fully
				groups <- cg // the source takes every group, interrupted or not
				return nil
			}, groupIdle)
			err := input.Read(ctx, paths, e.stdin, input.Options{Format: input.Format(format), OnSkip: skips.add}, func(it input.Item) error {
				if it.Err != nil && isIOError(it.Err) {
					mu.Lock()
					ioFailed++
					mu.Unlock()
				}
				return grouper.Add(it, lightCert(it))
			})
			// Interrupted or not, the group the grouper holds was read.
			err = errors.Join(err, grouper.Close())
			if err != nil && !errors.Is(err, context.Canceled) {
				mu.Lock()
				fatal = err
				mu.Unlock()
			}
		}()
	}
	src := func(ctx context.Context) (check.Group, bool) {
		if !started {
			started = true
			start(ctx)
		}
		// Once ctx is done the reader stops at once (it does not wait for
		// a blocked read) and closes groups after the last group it read.
		g, ok := <-groups
		return g, ok
	}
	finish := func() error {
		if started {
			// The reader stops once the run's context is done; wait so
			// that no goroutine outlives the command.
			<-done
		}
		mu.Lock()
		defer mu.Unlock()
		if fatal != nil {
			return fatal
		}
		if ioFailed > 0 {
			return fmt.Errorf("%d input%s could not be read (see the records with an error)", ioFailed, plural(ioFailed))
		}
		return nil
	}
	return src, finish
}

// groupIdle is how long the input may pause before the group the grouper
// holds is handed on without waiting for a chain certificate.
var groupIdle = 500 * time.Millisecond // a variable for the tests

func member(m input.Member) check.Cert {
	return check.Cert{Input: m.Item.Input, Label: m.Item.Label, DER: m.Item.DER, Err: m.Item.Err, Notes: m.Item.Notes}
}

// lightCerts recycles the partial certificates grouping reads: the
// Grouper keeps them only until it hands the group on.
var lightCerts = sync.Pool{New: func() any { return new(x509.Certificate) }}

func lightCert(it input.Item) *x509.Certificate {
	if it.Err != nil {
		return nil
	}
	c := lightCerts.Get().(*x509.Certificate)
	if err := check.LightParseInto(c, it.DER); err != nil {
		lightCerts.Put(c)
		return nil
	}
	return c
}

// recycle gives back the partial certificates of a group handed on.
func recycle(g input.Group) {
	if g.Head.Cert != nil {
		lightCerts.Put(g.Head.Cert)
	}
	for _, m := range g.Chain {
		if m.Cert != nil {
			lightCerts.Put(m.Cert)
		}
	}
}

// isIOError reports an input that could not be opened or read, as opposed
// to one whose content is not a certificate.
func isIOError(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) || errors.Is(err, input.ErrLoop)
}

// skipList counts and names the files directory walks skip (keys, .txt,
// PKCS#12 stores, ...), grouped by reason: a run never drops an input
// silently, and a tree of source files does not flood the output.
type skipList struct {
	mu      sync.Mutex
	n       int
	reasons []*skipReason // in order of first appearance, at most maxSkipReasons
	other   int           // files whose reason did not fit
}

type skipReason struct {
	reason string
	n      int
	names  []string // the first maxSkipNames
}

const (
	maxSkipReasons = 10
	maxSkipNames   = 5
)

func (s *skipList) add(path, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	var r *skipReason
	for _, x := range s.reasons {
		if x.reason == reason {
			r = x
			break
		}
	}
	if r == nil {
		if len(s.reasons) == maxSkipReasons {
			s.other++
			return
		}
		r = &skipReason{reason: reason}
		s.reasons = append(s.reasons, r)
	}
	r.n++
	if len(r.names) < maxSkipNames {
		r.names = append(r.names, safeText(path))
	}
}

// note is the text of the note, or "" when nothing was skipped: a first
// line that counts, then one line per reason with the first files.
func (s *skipList) note() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.n == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d file%s in directories skipped, not read as certificates:", s.n, plural(s.n))
	for _, r := range s.reasons {
		fmt.Fprintf(&b, "\n  %s (%d): %s", safeText(r.reason), r.n, strings.Join(r.names, ", "))
		if r.n > len(r.names) {
			fmt.Fprintf(&b, " and %d more", r.n-len(r.names))
		}
	}
	if s.other > 0 {
		fmt.Fprintf(&b, "\n  %d for other reasons", s.other)
	}
	return b.String()
}

// safeText keeps a file name or reason printable: one with control
// characters or invalid UTF-8 is shown Go-quoted, escapes and all.
func safeText(s string) string {
	for _, r := range s {
		if r == utf8.RuneError || !unicode.IsPrint(r) && r != ' ' {
			return strconv.Quote(s)
		}
	}
	return s
}

// noter is a record writer that prints notes in its output.
type noter interface {
	Note(string)
}

// noteSkips prints the skip note: in the text output when w has one,
// else on standard error.
func (e *environment) noteSkips(skips *skipList, w any) {
	note := skips.note()
	if note == "" {
		return
	}
	if n, ok := w.(noter); ok {
		n.Note(note)
		return
	}
	// The note's parts are escaped already (safeText); its line breaks
	// are its own.
	fmt.Fprintf(e.stderr, "xmpplint: note: %s\n", note)
}
