package probe

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/prometheus/client_golang/prometheus"
)

// probeMetrics are the metrics of one probe, in its own registry. The
// blackbox exporter's names keep their meaning; xmpplint's own start with
// probe_xmpplint_. Labels name an endpoint (host:port) of the target and
// values from closed sets (lint names, severities, verifier models,
// directions, failure reasons), except the certificate info metric's,
// which describe the certificate as the blackbox exporter's
// probe_ssl_last_chain_info does.
type probeMetrics struct {
	reg             *prometheus.Registry
	tlsVersion      *prometheus.GaugeVec
	endpoints       prometheus.Gauge
	endpointSuccess *prometheus.GaugeVec
	failed          *prometheus.GaugeVec
	findings        *prometheus.GaugeVec
	verdict         *prometheus.GaugeVec
	identity        *prometheus.GaugeVec
	trusted         *prometheus.GaugeVec
	certInfo        *prometheus.GaugeVec
	expiryDays      *prometheus.GaugeVec
}

// Failure reasons: the closed set of probe_xmpplint_failed's reason label
// and of the process's failure counter.
const (
	reasonDNS         = "dns"                // the SRV look-up failed
	reasonNoEndpoint  = "no_endpoint"        // no endpoint for the module's mode
	reasonTooMany     = "too_many_endpoints" // more endpoints than one probe takes
	reasonConnect     = "connect"            // the TCP connection failed (refused, unreachable)
	reasonTimeout     = "timeout"            // the probe's time ran out
	reasonClosed      = "closed"             // the server closed the connection before TLS
	reasonNotXMPP     = "not_xmpp"           // the server did not speak XMPP
	reasonStreamError = "stream_error"       // the server sent a stream error
	reasonNoSTARTTLS  = "no_starttls"        // STARTTLS not offered
	reasonSTARTTLS    = "starttls_refused"   // STARTTLS answered with failure
	reasonTLS         = "tls"                // the TLS handshake failed
	reasonUnparseable = "unparseable"        // a presented certificate cannot be parsed
	reasonUntrusted   = "untrusted"          // the chain does not verify to the module's roots
	reasonIdentity    = "identity"           // the certificate does not serve the domain for the service
	reasonFindings    = "findings"           // a lint result reached the module's failing level
	reasonVerdict     = "verdict"            // a required verifier model does not accept
	reasonInternal    = "internal"           // xmpplint could not judge (a bug)
)

// Reasons lists every failure reason, for documentation and tests.
var Reasons = []string{reasonDNS, reasonNoEndpoint, reasonTooMany, reasonConnect, reasonTimeout, reasonClosed,
	reasonNotXMPP, reasonStreamError, reasonNoSTARTTLS, reasonSTARTTLS, reasonTLS, reasonUnparseable,
	reasonUntrusted, reasonIdentity, reasonFindings, reasonVerdict, reasonInternal}

func newProbeMetrics(reg *prometheus.Registry) *probeMetrics {
	gv := func(name, help string, labels ...string) *prometheus.GaugeVec {
		v := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labels)
		reg.MustRegister(v)
		return v
	}
	m := &probeMetrics{reg: reg,
		tlsVersion:      gv("probe_tls_version_info", "Returns the TLS version used or NaN when unknown", "version"),
		endpointSuccess: gv("probe_xmpplint_endpoint_success", "Whether the endpoint passed every check of the module (1) or not (0)", "endpoint", "mode"),
		failed:          gv("probe_xmpplint_failed", "1 for each reason the probe failed, per endpoint (empty for the target as a whole)", "endpoint", "reason"),
		findings:        gv("probe_xmpplint_findings", "Number of presented certificates on which the lint gave the result (info, warn, error, fatal)", "endpoint", "lint", "severity"),
		verdict:         gv("probe_xmpplint_verdict", "What the verifier model does with the presented certificate: accept 1, reject 0, crash -1", "endpoint", "model", "direction"),
		identity:        gv("probe_xmpplint_identity_match", "Whether the certificate serves the domain for the service under RFC 9525 and RFC 6120 (1) or not (0)", "endpoint", "service"),
		trusted:         gv("probe_xmpplint_chain_trusted", "Whether the presented chain verifies to the module's roots (1) or not (0); absent when the module judges no trust", "endpoint"),
		certInfo:        gv("probe_xmpplint_cert_info", "The presented certificates: position 0 is the leaf", "endpoint", "position", "fingerprint_sha256", "serialnumber", "subject", "issuer"),
		expiryDays:      gv("probe_xmpplint_cert_expiry_days", "Days until the presented certificate expires (negative once expired)", "endpoint", "position"),
	}
	m.endpoints = prometheus.NewGauge(prometheus.GaugeOpts{Name: "probe_xmpplint_endpoints", Help: "Number of endpoints found for the target"})
	reg.MustRegister(m.endpoints)
	return m
}

// maxLabel bounds a label value taken from a certificate.
const maxLabel = 256

// labelValue makes a string from a certificate safe as a label value:
// valid UTF-8, control and other non-graphic characters written as Go
// escapes (nothing reaches a terminal raw from a scrape or a curl), at
// most maxLabel bytes.
func labelValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var piece string
		switch {
		case r == utf8.RuneError && size == 1:
			piece = `\x` + hex2(s[i])
		case r == '\\':
			piece = `\\`
		case unicode.IsGraphic(r) && (r < 0x80 || !unicode.Is(unicode.Bidi_Control, r)):
			piece = s[i : i+size]
		default:
			piece = strings.Trim(strconv.QuoteRuneToASCII(r), "'")
		}
		if b.Len()+len(piece) > maxLabel {
			b.WriteString("...")
			break
		}
		b.WriteString(piece)
		i += size
	}
	return b.String()
}

func hex2(c byte) string {
	const digits = "0123456789abcdef"
	return string([]byte{digits[c>>4], digits[c&15]})
}
