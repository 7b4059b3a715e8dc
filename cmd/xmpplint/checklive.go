package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/lints/xmpp"
	"github.com/xmpplint/xmpplint/live"
	"github.com/zmap/zlint/v3/lint"
)

// checkOptions are the flags of xmpplint check.
type checkOptions struct {
	lintFlags
	service, connect, from string
	directTLS, noSystem    bool
	timeout                time.Duration
	caFiles                listFlag
	workers                int
	output, color          string
}

func newCheckCmd(e *environment) *cobra.Command {
	o := &checkOptions{}
	cmd := &cobra.Command{
		Use:   "check [flags] DOMAIN...|-",
		Short: "connect to a domain's XMPP servers and lint what they present",
		Long: `Connect to the XMPP servers of each domain as a peer would (every SRV target,
STARTTLS or XEP-0368 direct TLS, else the domain on the default port), and lint
the certificates each presents for the domain, with the federation verdicts,
and verify the chain to the system roots (and --ca-file). With -, the domains
are read from standard input, one per line (# starts a comment).`,
		Example: `  xmpplint check example.org
  xmpplint check --service xmpp-client --connect localhost:5222 --ca-file my-ca.pem example.org
  xmpplint check --output ndjson - < domains.txt`,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.parsed(cmd.Flags())
			return exitErr(e.check(o, args))
		},
	}
	fs := cmd.Flags()
	o.registerSelection(fs, "error")
	fs.StringVar(&o.service, "service", live.ServiceServer, "the service to check: xmpp-server (s2s, port 5269) or xmpp-client (c2s, port 5222)")
	fs.StringVar(&o.connect, "connect", "", "connect to HOST:PORT instead of looking up the domain's SRV records")
	fs.BoolVar(&o.directTLS, "direct-tls", false, "with --connect: TLS from the first byte (XEP-0368) instead of STARTTLS")
	fs.StringVar(&o.from, "from", "", "xmpp-server: the domain to name as the stream's from (some servers ask for one)")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "time allowed for each connection")
	fs.Var(&o.caFiles, "ca-file", "PEM file of CA certificates to trust besides the system roots (repeatable): a private XMPP CA")
	fs.BoolVar(&o.noSystem, "no-system-roots", false, "trust only the --ca-file certificates")
	fs.IntVar(&o.workers, "workers", 8, "domains checked at once (records still come out in the order given)")
	fs.StringVar(&o.output, "output", "text", "output: text, ndjson, json or sarif")
	fs.StringVar(&o.color, "color", "auto", "colour in text output: auto, always or never")
	registerCompletions(cmd)
	return cmd
}

// check connects to live XMPP servers and lints what they present.
func (e *environment) check(opts *checkOptions, args []string) int {
	lf := &opts.lintFlags
	service, connect, directTLS, from, timeout, caFiles, noSystem, workers, output, color :=
		&opts.service, &opts.connect, &opts.directTLS, &opts.from, &opts.timeout, opts.caFiles, &opts.noSystem, &opts.workers, &opts.output, &opts.color
	if err := checkWorkers(*workers, lf.explicit["workers"]); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if len(args) == 0 {
		e.errorf("check: name at least one XMPP domain (xmpplint check -h)")
		return exitUsage
	}
	if *service != live.ServiceServer && *service != live.ServiceClient {
		e.errorf("--service %q: want %s or %s", *service, live.ServiceServer, live.ServiceClient)
		return exitUsage
	}
	var given *live.Endpoint
	if *connect != "" {
		host, port, err := net.SplitHostPort(*connect)
		n, perr := strconv.Atoi(port)
		if err != nil || perr != nil || host == "" || n < 1 || n > 65535 {
			e.errorf("--connect %q: want HOST:PORT", *connect)
			return exitUsage
		}
		given = &live.Endpoint{Host: host, Port: n, DirectTLS: *directTLS, Via: "given"}
	} else if *directTLS {
		e.errorf("--direct-tls goes with --connect (SRV records say which endpoints use it)")
		return exitUsage
	}
	roots, err := live.LoadRoots(!*noSystem, caFiles...)
	if err != nil {
		e.errorf("trust: %v", err)
		return exitUsage
	}
	gate, err := lf.gate()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	base, err := lf.checkConfig()
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	// What is presented on a server's port is a server certificate, judged
	// for the service of that port.
	base.Federation = true
	base.Options.Role = xmpp.RoleServer
	base.Options.Service = *service
	base.Options.Scope = xmpp.ScopeS2S
	if *service == live.ServiceClient {
		base.Options.Scope = xmpp.ScopeC2S
	}
	base.Options.Domains, base.Options.SRVTargets = nil, nil
	listing, err := check.New(base)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	w, err := e.recordWriter(*output, *color, listing)
	if err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	if tw, ok := w.(*textWriter); ok {
		tw.tally.failure = "unreachable"
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	resolver, dialer := e.resolver, e.dialer
	if resolver == nil {
		resolver = net.DefaultResolver
	}
	if dialer == nil {
		dialer = &net.Dialer{}
	}
	var worst lint.LintStatus
	failed := 0 // domains or endpoints that could not be reached
	write := func(rec check.Record) error {
		if s := rec.Worst(); s > worst {
			worst = s
		}
		return w.Write(&rec)
	}
	o := live.Options{From: *from, Timeout: *timeout}
	checkDomain := func(domain string) (recs []check.Record, failed int) {
		// DNS and SNI take the A-label form; the lints take the domain as
		// given, in either form.
		ascii, err := xmpp.ToASCII(domain)
		if err == nil {
			if p := xmpp.DNSNameProblem(ascii, false); p != "" {
				err = errors.New(p)
			}
		}
		if err != nil {
			return []check.Record{{Input: domain + "#0", Error: fmt.Sprintf("%q is not a domain name: %v", domain, err)}}, 1
		}
		var eps []live.Endpoint
		var notes []string
		if given != nil {
			eps = []live.Endpoint{*given}
		} else {
			eps, notes, err = live.Endpoints(ctx, resolver, ascii, *service)
		}
		if err == nil && len(eps) == 0 {
			err = errors.New(strings.Join(notes, "; "))
		}
		if err != nil {
			return []check.Record{{Input: domain + "#0", Error: fmt.Sprintf("%s: %v", domain, err), Notes: notes}}, 1
		}
		for _, ep := range eps {
			if ctx.Err() != nil {
				break
			}
			got, ok := e.checkEndpoint(ctx, base, domain, ascii, *service, ep, o, dialer, roots)
			if !ok {
				failed++
			}
			got[0].Notes = append(append([]string(nil), notes...), got[0].Notes...)
			recs = append(recs, got...)
		}
		return recs, failed
	}
	// Domains are read as they come (standard input is streamed, never
	// read whole), checked *workers at a time, and their records come out
	// as they finish, in the order the domains were given. The window of
	// domains started but not yet written is bounded (2 x workers), so
	// memory stays bounded whatever the length of the list.
	type outcome struct {
		recs   []check.Record
		failed int
	}
	nw := max(*workers, 1)
	order := make(chan chan outcome, 2*nw)
	var readErr error
	domains := 0
	done := make(chan struct{}) // readErr and domains are set
	go func() {
		defer close(done)
		defer close(order)
		sem := make(chan struct{}, nw)
		readErr = e.domainArgs(ctx, args, func(d domainLine) {
			domains++
			ch := make(chan outcome, 1)
			order <- ch
			if d.err != "" {
				ch <- outcome{[]check.Record{{Input: d.input, Error: d.err}}, 1}
				return
			}
			sem <- struct{}{}
			go func() {
				defer func() { <-sem }()
				recs, failed := checkDomain(d.domain)
				ch <- outcome{recs, failed}
			}()
		})
	}()
	var writeErr error
	status := exitOK
	for ch := range inOrder(ctx, order) {
		out := <-ch
		failed += out.failed
		for _, rec := range out.recs {
			writeErr = errors.Join(writeErr, write(rec))
		}
		if f, ok := w.(interface{ Flush() error }); ok {
			writeErr = errors.Join(writeErr, f.Flush()) // a slow list sees its records as they finish
		}
	}
	if ctx.Err() == nil {
		// The list ended: the reader is done. (When interrupted it may
		// still be blocked on standard input; nothing waits for it.)
		<-done
		if readErr != nil {
			e.errorf("%v", readErr)
			status = exitUsage
		} else if domains == 0 {
			e.errorf("check: no domain in the input (xmpplint check -h)")
			status = exitUsage
		}
	}
	if status == exitOK && gate.fails(worst) {
		status = exitFindings
	}
	if ctx.Err() != nil {
		e.errorf("interrupted")
		status = exitInterrupted
	}
	if failed > 0 {
		e.errorf("%d endpoint%s could not be checked (see the records with an error)", failed, plural(failed))
		status = exitUsage
	}
	if err := errors.Join(writeErr, w.Close()); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		e.errorf("%v", err)
		status = exitUsage
	}
	return status
}

// checkEndpoint fetches what ep presents for domain (ascii: its A-label
// form, for the stream and SNI) and lints it: one
// record per certificate, the leaf's first; or one error record when the
// exchange failed (ok false).
func (e *environment) checkEndpoint(ctx context.Context, base check.Config, domain, ascii, service string, ep live.Endpoint, o live.Options, d live.Dialer, roots live.Roots) (recs []check.Record, ok bool) {
	input := domain + "@" + ep.Addr()
	label := ep.Mode() + ", " + ep.Via
	chain, err := live.Fetch(ctx, d, ascii, service, ep, o)
	if err != nil {
		msg := fmt.Sprintf("%s: %s", ep, live.ErrorText(err))
		if errors.Is(err, live.ErrClosed) && ep.Via == "given" && !ep.DirectTLS {
			msg += " (a port that expects TLS from the first byte does this: try --direct-tls)"
		}
		return []check.Record{{Input: input + "#0", Label: label, Error: msg}}, false
	}
	cfg := base
	cfg.Options.Domains = []string{domain}
	if strings.HasPrefix(ep.Via, "SRV ") {
		cfg.Options.SRVTargets = []string{ep.Host}
	}
	ch, err := check.New(cfg)
	if err != nil {
		return []check.Record{{Input: input + "#0", Label: label, Error: fmt.Sprintf("%s: %v", domain, err)}}, false
	}
	g := check.Group{Leaf: check.Cert{Input: input + "#0", Label: label, DER: chain.Certs[0]}}
	for i, der := range chain.Certs[1:] {
		g.Chain = append(g.Chain, check.Cert{Input: input + "#" + strconv.Itoa(i+1), Label: label, DER: der})
	}
	recs = ch.Check(g)
	how := "presented by " + ep.Addr()
	if chain.Remote != ep.Addr() {
		how += " (" + chain.Remote + ")"
	}
	how += " over " + chain.TLSVersion
	if chain.ALPN != "" {
		how += ", ALPN " + chain.ALPN
	}
	recs[0].Notes = append(recs[0].Notes, how)
	if recs[0].Error == "" {
		recs[0].Trust = &check.Trust{Roots: roots.Name, Verified: true}
		if err := live.Verify(chain.Certs, roots, time.Now()); err != nil {
			recs[0].Trust.Verified, recs[0].Trust.Error = false, err.Error()
		}
	}
	return recs, true
}

// inOrder yields the outcome channels of check's domains in order until the
// list ends; once ctx is done, only those already queued (their checks end
// with ctx), without waiting for a reader blocked on standard input.
func inOrder[T any](ctx context.Context, order <-chan chan T) func(yield func(chan T) bool) {
	return func(yield func(chan T) bool) {
		for {
			select {
			case ch, ok := <-order:
				if !ok || !yield(ch) {
					return
				}
			case <-ctx.Done():
				for {
					select {
					case ch, ok := <-order:
						if !ok || !yield(ch) {
							return
						}
					default:
						return
					}
				}
			}
		}
	}
}

// maxDomainLine bounds a line of check's domain list: a domain name is at
// most 253 octets in A-label form, and a U-label form a few times that.
const maxDomainLine = 4096

// domainLine is one domain of check's arguments, or a line that is not one
// (err, with input naming the line).
type domainLine struct {
	domain     string
	input, err string
}

// domainArgs gives the domains of check's arguments to each, in order: "-"
// streams standard input, one domain per line, blank lines and # comments
// skipped. A line longer than maxDomainLine is an error of its own (never
// held in memory) and the lines after it are read on. It stops early when
// ctx is done; the error is a read error of standard input.
func (e *environment) domainArgs(ctx context.Context, args []string, each func(domainLine)) error {
	for _, a := range args {
		if ctx.Err() != nil {
			return nil
		}
		if a != "-" {
			each(domainLine{domain: a})
			continue
		}
		br := bufio.NewReaderSize(e.stdin, maxDomainLine)
		for n := 1; ctx.Err() == nil; n++ {
			line, err := br.ReadSlice('\n')
			if errors.Is(err, bufio.ErrBufferFull) {
				// Count the rest of the line without keeping it.
				long := len(line)
				for errors.Is(err, bufio.ErrBufferFull) {
					var more []byte
					more, err = br.ReadSlice('\n')
					long += len(more)
				}
				each(domainLine{input: "-:" + strconv.Itoa(n) + "#0",
					err: fmt.Sprintf("standard input line %d: %d bytes, longer than any domain name (at most %d): skipped", n, long, maxDomainLine)})
			} else if d, _, _ := strings.Cut(string(line), "#"); strings.TrimSpace(d) != "" {
				each(domainLine{domain: strings.TrimSpace(d)})
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				return fmt.Errorf("reading domains from standard input: %v", err)
			}
		}
	}
	return nil
}
