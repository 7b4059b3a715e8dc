// Package server is `xmpplint serve`: one long-running process that lints
// for CA pipelines over HTTP. It answers pkimetal's REST API (/lintcert,
// /linttbscert, /linters, /profiles, and a form on a GET of each POST
// endpoint) so that a pipeline that calls pkimetal can call xmpplint
// unchanged, /lintcsr for requests, a native endpoint (/lint) that
// returns xmpplint's own records, and step-ca's authorizing webhook
// (/stepca). A second listener serves /livez, /readyz and /metrics.
//
// The same code runs in `xmpplint serve` and in tests: New builds a
// Server from Options, a prometheus.Registerer and a *slog.Logger;
// Handler and MonitorHandler are the two routers; Serve runs them on
// listeners until its context ends, then drains.
package server

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xmpplint/xmpplint/check"
	_ "github.com/xmpplint/xmpplint/lints" // every lint and profile, for programs that embed the server
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Server holds the handlers and their shared state. It is safe for
// concurrent use.
type Server struct {
	opts     Options
	reg      prometheus.Registerer
	log      *slog.Logger
	m        *metrics
	gatherer prometheus.Gatherer
	limit    *limiter
	secret   []byte // step-ca webhook HMAC key; nil: no webhook
	ready    atomic.Bool
	version  string

	// def is the checker of the default profile and options without
	// federation verdicts: the pkimetal endpoints' usual one, kept apart
	// from the cache so that the common request takes no lock.
	def *check.Checker

	mu       sync.Mutex
	checkers map[string]*check.Checker

	// mounts are the endpoints other packages provide (Mount).
	mounts []mounted
}

// A Mount is an endpoint of another package served on the public
// listener beside the lint endpoints: the /probe of package probe. New
// builds its handler with the server's registry (for the package's own
// process metrics, served on /metrics) and logger.
type Mount struct {
	// Pattern is the http.ServeMux pattern, e.g. "GET /probe".
	Pattern string
	New     func(reg prometheus.Registerer, logger *slog.Logger) (http.Handler, error)
}

type mounted struct {
	pattern string
	h       http.Handler
}

// Mount builds m's handler and serves it on the public listener. Its
// requests take no lint slot: the package bounds its own work.
func (s *Server) Mount(m Mount) error {
	h, err := m.New(s.reg, s.log)
	if err != nil {
		return err
	}
	s.mounts = append(s.mounts, mounted{m.Pattern, h})
	return nil
}

// New validates opts (zero fields take their Defaults) and builds a
// server whose metrics go to reg. gatherer, when not nil, is what
// /metrics serves (the registry behind reg); logger nil discards logs.
func New(opts Options, reg prometheus.Registerer, gatherer prometheus.Gatherer, logger *slog.Logger) (*Server, error) {
	opts, err := opts.normalize()
	if err != nil {
		return nil, err
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if reg == nil {
		r := prometheus.NewRegistry()
		reg, gatherer = r, r
	}
	m, err := newMetrics(reg)
	if err != nil {
		return nil, err
	}
	s := &Server{
		reg:      reg,
		opts:     opts,
		log:      logger,
		m:        m,
		gatherer: gatherer,
		limit:    newLimiter(opts.MaxConcurrent, opts.MaxQueue, opts.QueueTimeout, m),
		version:  version(),
		checkers: map[string]*check.Checker{},
	}
	if opts.WebhookSecretFile != "" {
		if s.secret, err = readSecret(opts.WebhookSecretFile); err != nil {
			return nil, err
		}
	}
	// Build the default checker now: a bad default fails at start, not on
	// the first request.
	if s.def, err = s.checker(opts.Profile, s.defaultOptions(), false); err != nil {
		return nil, err
	}
	s.ready.Store(true)
	return s, nil
}

// Options returns the normalised options the server runs with.
func (s *Server) Options() Options { return s.opts }

// Handler returns the public router.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	route := func(pattern, endpoint string, h http.HandlerFunc) {
		mux.Handle(pattern, s.m.instrument(endpoint, h))
	}
	route("/lintcert", epLintCert, s.pkimetalHandler(kindCert))
	route("/linttbscert", epLintTBSCert, s.pkimetalHandler(kindTBS))
	route("/lintcsr", epLintCSR, s.pkimetalHandler(kindCSR))
	route("/lint", epLint, s.handleNative)
	route("/stepca", epStepCA, s.handleStepCA)
	route("GET /linters", epLinters, s.handleLinters)
	route("GET /profiles", epProfiles, s.handleProfiles)
	for _, m := range s.mounts {
		mux.Handle(m.pattern, m.h)
	}
	route("/", epOther, func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no endpoint %s", quote(r.URL.Path)))
	})
	return mux
}

// MonitorHandler returns the monitoring router: /livez, /readyz,
// /metrics.
func (s *Server) MonitorHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /livez", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if !s.ready.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			fmt.Fprintln(w, "draining")
			return
		}
		fmt.Fprintln(w, "ok")
	})
	if s.gatherer != nil {
		mux.Handle("GET /metrics", promhttp.HandlerFor(s.gatherer, promhttp.HandlerOpts{ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelError)}))
	}
	return mux
}

// Listen opens a listener for an Options address ("host:port" or
// "unix:PATH"; a stale socket file is removed first).
func Listen(addr string) (net.Listener, error) {
	network, address, err := splitAddr(addr)
	if err != nil {
		return nil, err
	}
	if network == "unix" {
		if fi, err := os.Lstat(address); err == nil && fi.Mode()&os.ModeSocket != 0 {
			os.Remove(address)
		}
	}
	return net.Listen(network, address)
}

// listen opens an address with Listen and gives a unix socket the mode
// of Options.SocketMode.
func (s *Server) listen(addr string) (net.Listener, error) {
	ln, err := Listen(addr)
	if err != nil {
		return nil, err
	}
	mode, _ := s.opts.socketMode() // validated in New
	if network, path, _ := splitAddr(addr); network == "unix" && mode != 0 {
		if err := os.Chmod(path, mode); err != nil {
			ln.Close()
			return nil, fmt.Errorf("%s: %v", addr, err)
		}
	}
	return ln, nil
}

// Serve runs the public handler on pub and, when mon is not nil, the
// monitoring handler on mon, until ctx is done or a listener fails. On
// ctx's end /readyz turns 503, DrainDelay passes, the listeners close,
// and in-flight requests get ShutdownTimeout to finish. It closes both
// listeners.
func (s *Server) Serve(ctx context.Context, pub, mon net.Listener) error {
	public := &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.opts.ReadTimeout,
		ReadTimeout:       s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	if s.opts.TLSCert != "" {
		cert, err := tls.LoadX509KeyPair(s.opts.TLSCert, s.opts.TLSKey)
		if err != nil {
			pub.Close()
			if mon != nil {
				mon.Close()
			}
			return fmt.Errorf("tls: %v", err)
		}
		public.TLSConfig = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
		pub = tls.NewListener(pub, public.TLSConfig)
	}
	servers := []*http.Server{public}
	listeners := []net.Listener{pub}
	if mon != nil {
		servers = append(servers, &http.Server{
			Handler:           s.MonitorHandler(),
			ReadHeaderTimeout: 5 * time.Second,
			ReadTimeout:       10 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       s.opts.IdleTimeout,
			ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
		})
		listeners = append(listeners, mon)
	}
	errs := make(chan error, len(servers))
	for i, srv := range servers {
		go func() {
			err := srv.Serve(listeners[i])
			if errors.Is(err, http.ErrServerClosed) {
				err = nil
			}
			errs <- err
		}()
	}
	s.log.Info("serving", "listen", listeners[0].Addr().String(), "tls", s.opts.TLSCert != "", "monitor", addrOf(mon),
		"profile", s.opts.Profile, "max_concurrent", s.opts.MaxConcurrent, "webhook", s.secret != nil)

	var runErr error
	select {
	case <-ctx.Done():
	case runErr = <-errs:
		// A listener failed: stop the other one too.
	}
	s.ready.Store(false)
	if runErr == nil && s.opts.DrainDelay > 0 {
		s.log.Info("draining", "delay", s.opts.DrainDelay.String())
		time.Sleep(s.opts.DrainDelay)
	}
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownTimeout)
	defer cancel()
	var wg sync.WaitGroup
	for _, srv := range servers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.Shutdown(sctx); err != nil {
				s.log.Warn("shutdown", "err", err)
				srv.Close()
			}
		}()
	}
	wg.Wait()
	s.log.Info("stopped")
	return runErr
}

func addrOf(l net.Listener) string {
	if l == nil {
		return ""
	}
	return l.Addr().String()
}

// GCPercent is the garbage collector's target Run sets (TuneGC): the
// server's live heap is a few MB, and each lint makes some 20 kB of
// garbage, so Go's default of 100 collects every few hundred requests;
// at 400 the server spends about a fifth less CPU per request
// (bench/serve) for a heap of tens of MB.
const GCPercent = 400

// TuneGC sets the garbage collector's target to GCPercent unless the
// GOGC environment variable sets one, and returns the target in force.
// Run calls it; a program that embeds the server decides for itself.
func TuneGC() int {
	if v, ok := os.LookupEnv("GOGC"); ok && v != "" {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p
	}
	debug.SetGCPercent(GCPercent)
	return GCPercent
}

// Run is `xmpplint serve`: it sets the garbage collector's target
// (TuneGC), builds a server with a fresh Prometheus registry (with the
// Go and process collectors), opens opts.Listen and opts.Monitor, and
// serves until ctx is done or SIGTERM or SIGINT arrives, then drains
// (Serve). mounts add endpoints of other packages (Mount).
func Run(ctx context.Context, opts Options, logger *slog.Logger, mounts ...Mount) error {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s, err := New(opts, reg, reg, logger)
	if err != nil {
		return err
	}
	for _, m := range mounts {
		if err := s.Mount(m); err != nil {
			return err
		}
	}
	gc := TuneGC()
	s.log.Info("garbage collector", "gc_percent", gc)
	pub, err := s.listen(s.opts.Listen)
	if err != nil {
		return err
	}
	var mon net.Listener
	if s.opts.Monitor != "" {
		if mon, err = s.listen(s.opts.Monitor); err != nil {
			pub.Close()
			return err
		}
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGTERM, os.Interrupt)
	defer stop()
	return s.Serve(ctx, pub, mon)
}

// defaultOptions are the lint options the server's settings give.
func (s *Server) defaultOptions() xmpp.Options {
	return xmpp.Options{Role: xmpp.Role(s.opts.Role), Scope: xmpp.Scope(s.opts.Scope), Service: s.opts.Service}
}

// checker returns a checker for a profile and options, cached: building
// one selects the lints and pre-encodes their results.
func (s *Server) checker(profile string, o xmpp.Options, federation bool) (*check.Checker, error) {
	key := fmt.Sprintf("%s|%s|%s|%s|%v|%t|%s", profile, o.Role, o.Scope, o.Service, o.Domains, federation, strings.Join(o.SRVTargets, ","))
	s.mu.Lock()
	ch, ok := s.checkers[key]
	s.mu.Unlock()
	if ok {
		return ch, nil
	}
	ch, err := check.New(check.Config{Options: o, Profile: profile, Federation: federation})
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	if len(s.checkers) >= 256 { // requests choose domains: keep the cache bounded
		clear(s.checkers)
	}
	s.checkers[key] = ch
	s.mu.Unlock()
	return ch, nil
}

// lint runs f holding a lint slot, timing it for the endpoint. It
// answers 429 or 503 itself when no slot can be had, and returns false.
func (s *Server) withSlot(w http.ResponseWriter, r *http.Request, json bool, f func()) bool {
	release, err := s.limit.acquire(r.Context())
	if err != nil {
		code := http.StatusServiceUnavailable
		if errors.Is(err, errQueueFull) {
			code = http.StatusTooManyRequests
		}
		w.Header().Set("Retry-After", "1")
		if errors.Is(err, context.Canceled) {
			return false // the client went away
		}
		if json {
			writeError(w, code, err.Error())
		} else {
			http.Error(w, err.Error(), code)
		}
		return false
	}
	defer release()
	f()
	return true
}

// countFindings adds a record's results above pass to the findings
// metric.
func (s *Server) countFindings(rec *check.Record) {
	for _, res := range rec.Results {
		if res.Status >= lintNotice {
			s.m.findings.WithLabelValues(res.Status.String()).Inc()
		}
	}
	if rec.Error != "" {
		s.m.findings.WithLabelValues("fatal").Inc()
	}
}

// errorBody is the JSON of every error answer outside pkimetal's API.
type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.Encode(errorBody{Error: msg})
}

// quote makes a request-supplied string safe to put in a message.
func quote(s string) string {
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return fmt.Sprintf("%q", s)
}

// version is the xmpplint module's version as built.
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	if info.Main.Path == "github.com/xmpplint/xmpplint" && info.Main.Version != "" {
		return info.Main.Version
	}
	for _, d := range info.Deps {
		if d.Path == "github.com/xmpplint/xmpplint" {
			return d.Version
		}
	}
	return "(devel)"
}

// lintNames lists the selected lints' names, sorted.
func lintNames(ch *check.Checker) []string {
	var out []string
	for _, l := range ch.Lints() {
		out = append(out, l.Name)
	}
	sort.Strings(out)
	return out
}
