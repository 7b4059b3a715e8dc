package probe

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/prometheus/common/expfmt"

	_ "github.com/xmpplint/xmpplint/lints" // the lints the probes run
	"github.com/xmpplint/xmpplint/live"
)

// Options are the settings `xmpplint serve` gives the probe handler; its
// flags bind to the first four.
type Options struct {
	// CAFiles are PEM files of CA certificates the built-in modules (and
	// modules with trust: default) trust besides the system roots
	// (--ca-file, repeatable).
	CAFiles []string
	// NoSystemRoots: those modules trust only CAFiles (--no-system-roots).
	NoSystemRoots bool
	// ConfigFile is a YAML (.yaml, .yml) or TOML (.toml) file of modules
	// (--config); empty: the built-in modules only.
	ConfigFile string
	// MaxConcurrent bounds the probes running at once; a probe that finds
	// no slot within its timeout is answered 503. DefaultMaxConcurrent
	// when zero.
	MaxConcurrent int
	// TimeoutOffset is taken off X-Prometheus-Scrape-Timeout-Seconds so
	// that the answer arrives before Prometheus gives up (0.5 s, as the
	// blackbox exporter's --timeout-offset, when zero).
	TimeoutOffset time.Duration
	// Resolver and Dialer reach the XMPP servers: net.DefaultResolver and
	// a net.Dialer when nil. Tests pass their own.
	Resolver live.Resolver
	Dialer   live.Dialer
	// Now is the clock for expiry and chain validity; time.Now when nil.
	Now func() time.Time
}

// DefaultMaxConcurrent is the default bound on probes running at once.
const DefaultMaxConcurrent = 32

// Handler answers GET /probe?module=M&target=T with the probe's metrics in
// the Prometheus text format. It is safe for concurrent use.
type Handler struct {
	opts    Options
	logger  *slog.Logger
	modules atomic.Pointer[map[string]*Module]
	reload  sync.Mutex
	sem     chan struct{}
	pm      processMetrics
}

// processMetrics are the server's own, on the Registerer it was given:
// labels only from closed sets (module names from the configuration,
// results, failure reasons), never a target.
type processMetrics struct {
	probes   *prometheus.CounterVec
	duration *prometheus.HistogramVec
	failures *prometheus.CounterVec
	rejected *prometheus.CounterVec
	inFlight prometheus.Gauge
}

// New loads and validates the modules (the built-in ones and those of
// o.ConfigFile) and returns the handler. Its process metrics go to reg
// (none when reg is nil); it logs to logger (slog.Default() when nil).
func New(o Options, reg prometheus.Registerer, logger *slog.Logger) (*Handler, error) {
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = DefaultMaxConcurrent
	}
	if o.TimeoutOffset <= 0 {
		o.TimeoutOffset = 500 * time.Millisecond
	}
	if o.Resolver == nil {
		o.Resolver = net.DefaultResolver
	}
	if o.Dialer == nil {
		o.Dialer = &net.Dialer{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if logger == nil {
		logger = slog.Default()
	}
	h := &Handler{opts: o, logger: logger, sem: make(chan struct{}, o.MaxConcurrent)}
	if err := h.Reload(); err != nil {
		return nil, err
	}
	h.pm = processMetrics{
		probes: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "xmpplint_probes_total",
			Help: "Probes run, by module and result (success, failure)"}, []string{"module", "result"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "xmpplint_probe_duration_seconds",
			Help: "How long probes took, by module", Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}}, []string{"module"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "xmpplint_probe_failures_total",
			Help: "Failed probes by module and reason (a probe may fail for several)"}, []string{"module", "reason"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "xmpplint_probe_requests_rejected_total",
			Help: "Probe requests answered without probing, by reason (bad_request, unknown_module, busy)"}, []string{"reason"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{Name: "xmpplint_probes_in_flight", Help: "Probes running now"}),
	}
	if reg != nil {
		for _, c := range []prometheus.Collector{h.pm.probes, h.pm.duration, h.pm.failures, h.pm.rejected, h.pm.inFlight} {
			if err := reg.Register(c); err != nil {
				return nil, fmt.Errorf("probe metrics: %v", err)
			}
		}
	}
	return h, nil
}

// CheckConfig loads and validates the modules as New does, without
// serving: for `xmpplint serve --check-config`. It returns the names of
// the modules.
func CheckConfig(o Options) ([]string, error) {
	mods, err := loadModules(o.ConfigFile, o)
	if err != nil {
		return nil, err
	}
	return moduleNames(mods), nil
}

// Reload reads the module file again and, when every module is valid,
// swaps the new modules in at once; on an error the modules in use stay.
func (h *Handler) Reload() error {
	h.reload.Lock()
	defer h.reload.Unlock()
	mods, err := loadModules(h.opts.ConfigFile, h.opts)
	if err != nil {
		return err
	}
	h.modules.Store(&mods)
	h.logger.Info("probe modules loaded", "modules", strings.Join(moduleNames(mods), ","))
	return nil
}

// Modules returns the names of the modules in use, sorted.
func (h *Handler) Modules() []string { return moduleNames(*h.modules.Load()) }

func moduleNames(mods map[string]*Module) []string {
	names := make([]string, 0, len(mods))
	for n := range mods {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func (h *Handler) reject(w http.ResponseWriter, status int, reason, msg string) {
	h.pm.rejected.WithLabelValues(reason).Inc()
	http.Error(w, msg, status)
}

// ServeHTTP runs one probe. Parameters: module and target (required),
// debug=true for the probe's log before its metrics, as text.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		h.reject(w, http.StatusMethodNotAllowed, "bad_request", "use GET")
		return
	}
	params := r.URL.Query()
	name := params.Get("module")
	if name == "" {
		h.reject(w, http.StatusBadRequest, "bad_request", "module parameter is missing")
		return
	}
	mods := *h.modules.Load()
	m, ok := mods[name]
	if !ok {
		h.reject(w, http.StatusBadRequest, "unknown_module", fmt.Sprintf("unknown module %q (known: %s)", name, strings.Join(moduleNames(mods), ", ")))
		return
	}
	target := params.Get("target")
	if target == "" {
		h.reject(w, http.StatusBadRequest, "bad_request", "target parameter is missing")
		return
	}
	t, err := ParseTarget(target, m.Prober, m.DirectTLS)
	if err != nil {
		h.reject(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("target %q: %v", target, err))
		return
	}
	timeout, err := h.timeout(r, m)
	if err != nil {
		h.reject(w, http.StatusBadRequest, "bad_request", err.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), timeout)
	defer cancel()
	select {
	case h.sem <- struct{}{}:
	case <-ctx.Done():
		w.Header().Set("Retry-After", "1")
		h.reject(w, http.StatusServiceUnavailable, "busy", fmt.Sprintf("%d probes already running: none ended within the probe's timeout (%s)", cap(h.sem), timeout))
		return
	}
	defer func() { <-h.sem }()
	h.pm.inFlight.Inc()
	defer h.pm.inFlight.Dec()

	debug := params.Get("debug") == "true"
	var logBuf bytes.Buffer
	var lh slog.Handler = h.logger.Handler()
	if debug {
		lh = slog.NewMultiHandler(lh, slog.NewTextHandler(&lockedWriter{w: &logBuf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	e := &env{resolver: h.opts.Resolver, dialer: h.opts.Dialer, now: h.opts.Now, failures: map[string]bool{},
		logger: slog.New(lh).With("module", name, "target", target)}

	start := time.Now()
	reg := prometheus.NewRegistry()
	success := prometheus.NewGauge(prometheus.GaugeOpts{Name: "probe_success", Help: "Displays whether or not the probe was a success"})
	duration := prometheus.NewGauge(prometheus.GaugeOpts{Name: "probe_duration_seconds", Help: "Returns how long the probe took to complete in seconds"})
	reg.MustRegister(success, duration)
	ok = h.run(ctx, t, m, reg, e)
	elapsed := time.Since(start).Seconds()
	duration.Set(elapsed)
	result := "failure"
	if ok {
		success.Set(1)
		result = "success"
	}
	e.logger.Debug("probe done", "success", ok, "duration_seconds", elapsed)
	h.pm.probes.WithLabelValues(name, result).Inc()
	h.pm.duration.WithLabelValues(name).Observe(elapsed)
	for reason := range e.failures {
		h.pm.failures.WithLabelValues(name, reason).Inc()
	}
	if debug {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "Logs for the probe:\n%s\n\nMetrics that would have been returned:\n", logBuf.String())
		mfs, err := reg.Gather()
		if err == nil {
			for _, mf := range mfs {
				expfmt.MetricFamilyToText(w, mf)
			}
		}
		return
	}
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}).ServeHTTP(w, r)
}

// run runs the module's prober; a panic (a bug) fails the probe with the
// reason internal instead of losing the answer.
func (h *Handler) run(ctx context.Context, t Target, m *Module, reg *prometheus.Registry, e *env) (ok bool) {
	defer func() {
		if p := recover(); p != nil {
			e.logger.Error("probe failed", "reason", reasonInternal, "panic", fmt.Sprint(p))
			e.failures[reasonInternal] = true
			ok = false
		}
	}()
	return m.Prober.Probe(ctx, t, m, reg, e)
}

// timeout is the module's timeout, capped by Prometheus's scrape timeout
// less the offset, as the blackbox exporter does.
func (h *Handler) timeout(r *http.Request, m *Module) (time.Duration, error) {
	t := m.Timeout
	v := r.Header.Get("X-Prometheus-Scrape-Timeout-Seconds")
	if v == "" {
		return t, nil
	}
	secs, err := strconv.ParseFloat(v, 64)
	if err != nil || secs <= 0 || secs > 1e6 {
		return 0, fmt.Errorf("X-Prometheus-Scrape-Timeout-Seconds %q: want a positive number of seconds", v)
	}
	scrape := time.Duration(secs*float64(time.Second)) - h.opts.TimeoutOffset
	if scrape > 0 && scrape < t {
		t = scrape
	}
	return t, nil
}

// lockedWriter serialises the writes of a probe's concurrent endpoints to
// its debug log.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
