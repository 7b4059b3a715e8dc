package server

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/zmap/zlint/v3/lint"
)

// Endpoint names, the closed set the metrics' endpoint label takes.
const (
	epLintCert    = "lintcert"
	epLintTBSCert = "linttbscert"
	epLintCSR     = "lintcsr"
	epLint        = "lint"
	epStepCA      = "stepca"
	epLinters     = "linters"
	epProfiles    = "profiles"
	epOther       = "other"
)

// metrics are the public server's instruments, registered on the
// Registerer the server is given.
type metrics struct {
	requests  *prometheus.CounterVec   // endpoint, code
	latency   *prometheus.HistogramVec // endpoint
	lintTime  *prometheus.HistogramVec // endpoint
	findings  *prometheus.CounterVec   // severity
	inFlight  prometheus.Gauge
	waiting   prometheus.Gauge
	rejected  *prometheus.CounterVec // reason: queue_full, queue_timeout
	decisions *prometheus.CounterVec // allow: true, false
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	buckets := []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xmpplint_http_requests_total",
			Help: "HTTP requests answered, by endpoint and status code.",
		}, []string{"endpoint", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "xmpplint_http_request_duration_seconds",
			Help:    "Time from a request's headers to its answer, by endpoint.",
			Buckets: buckets,
		}, []string{"endpoint"}),
		lintTime: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "xmpplint_lint_duration_seconds",
			Help:    "Time spent linting one request's certificates, by endpoint.",
			Buckets: buckets,
		}, []string{"endpoint"}),
		findings: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xmpplint_findings_total",
			Help: "Lint results above pass, by severity (notice, warn, error, fatal).",
		}, []string{"severity"}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "xmpplint_lints_in_flight",
			Help: "Requests holding a lint slot.",
		}),
		waiting: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "xmpplint_lints_waiting",
			Help: "Requests waiting for a lint slot.",
		}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xmpplint_requests_rejected_total",
			Help: "Requests refused for want of a lint slot: queue_full (429) or queue_timeout (503).",
		}, []string{"reason"}),
		decisions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "xmpplint_webhook_decisions_total",
			Help: "step-ca webhook answers by decision.",
		}, []string{"allow"}),
	}
	for _, c := range []prometheus.Collector{m.requests, m.latency, m.lintTime, m.findings, m.inFlight, m.waiting, m.rejected, m.decisions} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	// Create the series of the closed label sets up front, so that a
	// dashboard sees zeros rather than nothing.
	for _, s := range []lint.LintStatus{lint.Notice, lint.Warn, lint.Error, lint.Fatal} {
		m.findings.WithLabelValues(s.String())
	}
	m.rejected.WithLabelValues("queue_full")
	m.rejected.WithLabelValues("queue_timeout")
	m.decisions.WithLabelValues("true")
	m.decisions.WithLabelValues("false")
	return m, nil
}

// statusWriter remembers the status code a handler wrote.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// instrument counts and times the requests of one endpoint.
func (m *metrics) instrument(endpoint string, h http.Handler) http.Handler {
	lat := m.latency.WithLabelValues(endpoint)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		h.ServeHTTP(sw, r)
		if sw.code == 0 {
			sw.code = http.StatusOK
		}
		lat.Observe(time.Since(start).Seconds())
		m.requests.WithLabelValues(endpoint, strconv.Itoa(sw.code)).Inc()
	})
}
