// Package probe is xmpplint's Prometheus probe: an http.Handler for
// GET /probe?module=M&target=T that speaks as the XMPP blackbox exporter
// does (targets xmpp:domain and xmpp://host:port/domain, modules named as
// Prosody's `prosodyctl check connectivity` asks for them: s2s_normal,
// c2s_normal_auth, s2s_direct, c2s_direct) and reports, in a registry of
// its own for each probe, everything `xmpplint check` knows: the blackbox
// exporter's probe_success, probe_duration_seconds,
// probe_ssl_earliest_cert_expiry and probe_tls_version_info, and
// xmpplint's findings per lint and severity, verdicts per verifier model
// and direction, identity match, chain trust, certificate info and expiry,
// per endpoint.
//
// It reuses package live (endpoints from SRV records, STARTTLS or direct
// TLS, the presented chain, chain verification) and package check (lints
// and verdicts). The probers are one table (prober.go, one file per
// prober), which module validation reads too. Modules come built in and
// from a YAML or TOML file decoded strictly (module.go). The handler takes
// its dependencies: a prometheus.Registerer for the process's own metrics
// and a *slog.Logger; it bounds each probe by the module's timeout, capped
// by X-Prometheus-Scrape-Timeout-Seconds, and the probes running at once.
// docs/monitoring.md is the operator's guide.
package probe
