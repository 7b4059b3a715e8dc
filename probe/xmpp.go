package probe

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	zx509 "github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
	"github.com/xmpplint/xmpplint/live"
)

// env is what a probe runs with: the server's resolver, dialer and clock,
// and the probe's logger.
type env struct {
	resolver live.Resolver
	dialer   live.Dialer
	now      func() time.Time
	logger   *slog.Logger
	// failures collects the reasons the probe failed, for the process's
	// counters.
	failures map[string]bool
}

// Limits of one probe: the endpoints of a target it takes, and how many it
// connects to at once.
const (
	maxEndpoints      = 16
	endpointsAtOnce   = 4
	secondsPerDay     = 24 * 60 * 60
	minFetchRemaining = time.Millisecond
)

// endpointResult is what one endpoint gave.
type endpointResult struct {
	ep       live.Endpoint
	chain    *live.Chain
	recs     []check.Record
	certs    []*zx509.Certificate // parsed by zcrypto; nil where it could not
	trusted  *bool
	identity bool
	verdicts interop.Verdicts
	reasons  []string
}

// probeXMPP is the probe both probers run: find the target's endpoints for
// the module's mode, fetch what each presents, lint it as `xmpplint check`
// does, verify the chain, match the identity, and judge it under the
// module. Every endpoint must pass.
func probeXMPP(ctx context.Context, t Target, m *Module, reg *prometheus.Registry, e *env) bool {
	pm := newProbeMetrics(reg)
	eps, err := endpoints(ctx, t, m, e)
	if err != nil {
		reason := reasonDNS
		if errors.Is(err, errNoEndpoint) {
			reason = reasonNoEndpoint
		} else if ctx.Err() != nil {
			reason = reasonTimeout
		}
		e.fail(pm, "", reason)
		e.logger.Info("probe failed", "phase", "endpoints", "reason", reason, "err", err)
		return false
	}
	pm.endpoints.Set(float64(len(eps)))
	ok := true
	if len(eps) > maxEndpoints {
		e.fail(pm, "", reasonTooMany)
		e.logger.Info("probe failed", "reason", reasonTooMany, "endpoints", len(eps), "probed", maxEndpoints)
		eps, ok = eps[:maxEndpoints], false
	}
	results := make([]endpointResult, len(eps))
	var wg sync.WaitGroup
	sem := make(chan struct{}, endpointsAtOnce)
	for i, ep := range eps {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = probeEndpoint(ctx, t, m, ep, e)
		}()
	}
	wg.Wait()
	var earliest time.Time
	now := e.now()
	for _, r := range results {
		addr := labelValue(r.ep.Addr())
		for _, reason := range r.reasons {
			e.fail(pm, addr, reason)
		}
		pm.endpointSuccess.WithLabelValues(addr, modeLabel(r.ep)).Set(boolFloat(len(r.reasons) == 0))
		ok = ok && len(r.reasons) == 0
		if r.chain == nil {
			continue
		}
		pm.tlsVersion.WithLabelValues(r.chain.TLSVersion).Set(1)
		if r.trusted != nil {
			pm.trusted.WithLabelValues(addr).Set(boolFloat(*r.trusted))
		}
		if len(r.recs) > 0 && r.recs[0].Error == "" {
			pm.identity.WithLabelValues(addr, m.Prober.Service).Set(boolFloat(r.identity))
		}
		for _, mv := range r.verdicts {
			for _, dv := range mv.Directions {
				if !hasDirection(m.Prober, dv.Direction) {
					continue
				}
				pm.verdict.WithLabelValues(addr, mv.Model, string(dv.Direction)).Set(outcomeValue(dv.Outcome))
			}
		}
		for _, rec := range r.recs {
			for _, res := range rec.Results {
				if res.Status >= lint.Notice {
					pm.findings.WithLabelValues(addr, res.Name, res.Status.String()).Inc()
				}
			}
		}
		for i, c := range r.certs {
			pos := strconv.Itoa(i)
			sum := sha256.Sum256(r.chain.Certs[i])
			fp := hex.EncodeToString(sum[:])
			var subject, issuer string
			if i < len(r.recs) {
				subject, issuer = labelValue(r.recs[i].Subject), labelValue(r.recs[i].Issuer)
			}
			if c == nil {
				pm.certInfo.WithLabelValues(addr, pos, fp, "", subject, issuer).Set(1)
				continue
			}
			pm.certInfo.WithLabelValues(addr, pos, fp, labelValue(serialHex(c)), subject, issuer).Set(1)
			pm.expiryDays.WithLabelValues(addr, pos).Set(c.NotAfter.Sub(now).Seconds() / secondsPerDay)
			if earliest.IsZero() || c.NotAfter.Before(earliest) {
				earliest = c.NotAfter
			}
		}
	}
	if !earliest.IsZero() {
		g := prometheus.NewGauge(prometheus.GaugeOpts{Name: "probe_ssl_earliest_cert_expiry", Help: "Returns the earliest notAfter of the presented certificates in unixtime"})
		reg.MustRegister(g)
		g.Set(float64(earliest.Unix()))
	}
	return ok && len(results) > 0
}

func (e *env) fail(pm *probeMetrics, endpoint, reason string) {
	pm.failed.WithLabelValues(endpoint, reason).Set(1)
	if e.failures != nil {
		e.failures[reason] = true
	}
}

var errNoEndpoint = errors.New("no endpoint")

// endpoints returns the endpoints to probe: the given one, or those of the
// domain's SRV records in the module's mode (direct TLS: _xmpps-*;
// STARTTLS: _xmpp-*, else the RFC 6120 fallback), each address once.
func endpoints(ctx context.Context, t Target, m *Module, e *env) ([]live.Endpoint, error) {
	if t.Given != nil {
		return []live.Endpoint{*t.Given}, nil
	}
	service := m.Prober.Service
	all, notes, err := live.Endpoints(ctx, e.resolver, t.ASCII, service)
	if err != nil {
		return nil, err
	}
	for _, n := range notes {
		e.logger.Info("endpoints", "note", n)
	}
	var eps []live.Endpoint
	starttlsSRV := false
	seen := map[string]bool{}
	for _, ep := range all {
		if !ep.DirectTLS && ep.Via != "" && strings.HasPrefix(ep.Via, "SRV ") {
			starttlsSRV = true
		}
		if ep.DirectTLS != m.DirectTLS || seen[ep.Addr()] {
			continue
		}
		seen[ep.Addr()] = true
		eps = append(eps, ep)
	}
	decidedlyNot := false
	for _, n := range notes {
		if strings.Contains(n, "_"+service+"._tcp.") && strings.Contains(n, "decidedly not available") {
			decidedlyNot = true
		}
	}
	// live.Endpoints gives the fallback only when neither record set
	// exists; a STARTTLS module still falls back when only _xmpps-*
	// records do (RFC 6120 3.2.2 reads the _xmpp-* records alone).
	if len(eps) == 0 && !m.DirectTLS && !starttlsSRV && !decidedlyNot {
		eps = append(eps, live.Endpoint{Host: t.ASCII, Port: live.DefaultPort(service), Via: "fallback (no SRV record)"})
	}
	if len(eps) == 0 {
		prefix := "_xmpp-"
		if m.DirectTLS {
			prefix = "_xmpps-"
		}
		return nil, fmt.Errorf("%w: no %s%s._tcp SRV record for %s (%s)", errNoEndpoint, prefix, strings.TrimPrefix(service, "xmpp-"), t.ASCII, strings.Join(notes, "; "))
	}
	return eps, nil
}

// dialRecorder remembers whether a connection was made, so that a failure
// before it is a connection failure.
type dialRecorder struct {
	d         live.Dialer
	connected bool
}

func (r *dialRecorder) DialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	c, err := r.d.DialContext(ctx, network, addr)
	r.connected = err == nil
	return c, err
}

// probeEndpoint fetches and judges what one endpoint presents.
func probeEndpoint(ctx context.Context, t Target, m *Module, ep live.Endpoint, e *env) (r endpointResult) {
	r.ep = ep
	log := e.logger.With("endpoint", ep.String())
	defer func() {
		if p := recover(); p != nil {
			log.Error("probe failed", "reason", reasonInternal, "panic", fmt.Sprint(p))
			r.reasons = append(r.reasons, reasonInternal)
		}
	}()
	remaining := DefaultTimeout
	if dl, ok := ctx.Deadline(); ok {
		remaining = max(time.Until(dl), minFetchRemaining)
	}
	dr := &dialRecorder{d: e.dialer}
	chain, err := live.Fetch(ctx, dr, t.ASCII, m.Prober.Service, ep, live.Options{From: m.From, Timeout: remaining})
	if err != nil {
		reason := fetchReason(ctx, err, dr.connected)
		log.Info("probe failed", "reason", reason, "err", err)
		r.reasons = append(r.reasons, reason)
		return r
	}
	r.chain = chain
	log.Debug("fetched", "remote", chain.Remote, "tls", chain.TLSVersion, "alpn", chain.ALPN, "certificates", len(chain.Certs))
	r.certs = make([]*zx509.Certificate, len(chain.Certs))
	for i, der := range chain.Certs {
		if c, err := zx509.ParseCertificate(der); err == nil {
			r.certs[i] = c
		} else if c, err := check.DecodeView(der); err == nil {
			// A key zcrypto cannot read (a negative RSA modulus, an
			// unknown curve): the names and dates are still there.
			r.certs[i] = c
		}
	}
	if ctx.Err() != nil {
		r.reasons = append(r.reasons, reasonTimeout)
		return r
	}
	cfg := m.Check
	cfg.Options = xmpp.Options{Role: xmpp.RoleServer, Service: m.Prober.Service, Scope: xmpp.ScopeS2S, Domains: []string{t.Domain}}
	if m.Prober.Service == live.ServiceClient {
		cfg.Options.Scope = xmpp.ScopeC2S
	}
	if strings.HasPrefix(ep.Via, "SRV ") {
		cfg.Options.SRVTargets = []string{ep.Host}
	}
	ch, err := check.New(cfg)
	if err != nil {
		log.Error("probe failed", "reason", reasonInternal, "err", err)
		r.reasons = append(r.reasons, reasonInternal)
		return r
	}
	label := ep.Mode() + ", " + ep.Via
	g := check.Group{Leaf: check.Cert{Input: ep.Addr() + "#0", Label: label, DER: chain.Certs[0]}}
	for i, der := range chain.Certs[1:] {
		g.Chain = append(g.Chain, check.Cert{Input: ep.Addr() + "#" + strconv.Itoa(i+1), Label: label, DER: der})
	}
	r.recs = ch.Check(g)
	worst, unparseable := lint.Reserved, false
	for _, rec := range r.recs {
		if rec.Error != "" {
			unparseable = true
			log.Info("certificate", "input", rec.Input, "err", rec.Error)
			continue
		}
		if w := rec.Results.Worst(); w > worst {
			worst = w
		}
	}
	if unparseable {
		r.reasons = append(r.reasons, reasonUnparseable)
	}
	if m.Roots != nil {
		err := live.Verify(chain.Certs, *m.Roots, e.now())
		trusted := err == nil
		r.trusted = &trusted
		if !trusted {
			log.Info("chain not trusted", "roots", m.Roots.Name, "err", err)
			r.reasons = append(r.reasons, reasonUntrusted)
		}
	}
	leaf := r.recs[0]
	if leaf.Error == "" && r.certs[0] != nil {
		v := xmpp.NewCert(r.certs[0], ch.Options())
		res, err := identity.Match(v, identity.Query{Domain: t.Domain, Service: m.Prober.Service}, identity.RFC9525)
		r.identity = err == nil && res.Matched()
		r.verdicts = leaf.Federation
	}
	if !r.identity {
		log.Info("identity", "domain", t.Domain, "service", m.Prober.Service, "matched", false)
		r.reasons = append(r.reasons, reasonIdentity)
	}
	if m.FailOn != lint.Reserved && worst >= m.FailOn {
		findings := []string{}
		for _, rec := range r.recs {
			findings = append(findings, rec.Findings(m.FailOn)...)
		}
		log.Info("findings", "fail_on", m.FailOn.String(), "lints", strings.Join(findings, ","))
		r.reasons = append(r.reasons, reasonFindings)
	}
	for _, req := range m.Require {
		v, ok := r.verdicts.Get(req.Model, req.Direction)
		if !ok || v.Outcome != interop.Accept {
			log.Info("verdict", "model", req.Model, "direction", string(req.Direction), "verdict", string(v.Outcome), "reason", v.Reason)
			r.reasons = append(r.reasons, reasonVerdict)
			break
		}
	}
	return r
}

// fetchReason names why live.Fetch failed.
func fetchReason(ctx context.Context, err error, connected bool) string {
	var ne net.Error
	switch {
	case ctx.Err() != nil, errors.Is(err, context.DeadlineExceeded), errors.Is(err, os.ErrDeadlineExceeded),
		errors.As(err, &ne) && ne.Timeout():
		return reasonTimeout
	case !connected:
		return reasonConnect
	case errors.Is(err, live.ErrClosed), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		// A server that closes at once may reset the connection our
		// stream header reaches after the close.
		return reasonClosed
	}
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "TLS handshake"):
		return reasonTLS
	case strings.Contains(msg, "does not offer STARTTLS"):
		return reasonNoSTARTTLS
	case strings.Contains(msg, "STARTTLS refused"):
		return reasonSTARTTLS
	case strings.Contains(msg, "stream error"):
		return reasonStreamError
	}
	return reasonNotXMPP
}

func hasDirection(p *Prober, d interop.Direction) bool {
	for _, x := range p.Directions {
		if x == d {
			return true
		}
	}
	return false
}

func outcomeValue(o interop.Outcome) float64 {
	switch o {
	case interop.Accept:
		return 1
	case interop.Reject:
		return 0
	case interop.Crash:
		return -1
	}
	return math.NaN()
}

func boolFloat(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func modeLabel(ep live.Endpoint) string {
	if ep.DirectTLS {
		return "direct_tls"
	}
	return "starttls"
}

// serialHex is the serial number in lower-case hex, as the blackbox
// exporter's serialnumber label has it.
func serialHex(c *zx509.Certificate) string {
	if c.SerialNumber == nil {
		return ""
	}
	return c.SerialNumber.Text(16)
}
