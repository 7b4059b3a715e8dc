package server

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Options holds every setting of `xmpplint serve`; the command's flags
// bind to its fields one to one. The zero value of a field means its
// default (see Defaults).
type Options struct {
	// Listen is the public listener: "host:port" or "unix:PATH".
	Listen string
	// Monitor is the monitoring listener (/livez, /readyz, /metrics), kept
	// apart from the public one as pkimetal keeps it; "" serves no monitor
	// listener (the handlers are then on no port).
	Monitor string
	// SocketMode sets the permission bits of unix: listeners' socket
	// files, in octal ("0660": the owner and its group may connect); empty
	// leaves what the umask gives.
	SocketMode string
	// TLSCert and TLSKey, both set, serve the public listener over TLS
	// (PEM files). step-ca calls webhooks over https only.
	TLSCert, TLSKey string

	// Profile is the lint profile of the pkimetal endpoints (pkimetal's
	// "autodetect" and an empty profile parameter select it) and of the
	// step-ca webhook (a ?profile= in its URL overrides it): by default
	// ca, which holds only an issuer's defects, so that a good
	// certificate gives no finding and a pipeline that stops on any
	// finding (Boulder) issues it.
	Profile string
	// NativeProfile is the native endpoint's default profile: xmpp, as
	// for `xmpplint lint`.
	NativeProfile string
	// Role, Scope and Service are the default lint options of every
	// endpoint; the native endpoint's and the webhook's parameters
	// override them.
	Role    string
	Scope   string
	Service string
	// Severity is the default minimum severity of the pkimetal endpoints'
	// answers, in pkimetal's names (meta debug info notice warning error
	// bug fatal).
	Severity string
	// Format is the pkimetal endpoints' default answer format: json, text
	// or html.
	Format string

	// WebhookSecretFile holds the step-ca webhook's secret as step-ca
	// shows it (base64). Without it the step-ca endpoint answers 404.
	WebhookSecretFile string
	// WebhookDeny is the lowest lint status that refuses a certificate:
	// notice (default: any finding, Boulder's rule), warn, error, fatal;
	// a webhook URL's ?deny= overrides it.
	WebhookDeny string

	// MaxBody caps a request body in bytes.
	MaxBody int64
	// MaxConcurrent bounds the lints running at once; MaxQueue bounds the
	// requests waiting for one (beyond: 429), QueueTimeout how long one
	// waits (then: 503). A waiting request holds no body: it is read once
	// the request has a slot.
	MaxConcurrent int
	MaxQueue      int
	QueueTimeout  time.Duration
	// ReadTimeout, WriteTimeout and IdleTimeout are the public server's
	// (http.Server's) timeouts; ReadHeaderTimeout is ReadTimeout.
	ReadTimeout, WriteTimeout, IdleTimeout time.Duration
	// DrainDelay is how long /readyz answers 503 before the listeners
	// close on shutdown, so that load balancers stop sending; then the
	// in-flight requests get ShutdownTimeout to finish.
	DrainDelay      time.Duration
	ShutdownTimeout time.Duration
}

// Defaults returns the options every zero field takes.
func Defaults() Options {
	return Options{
		Listen:          "127.0.0.1:8080",
		Profile:         "ca",
		NativeProfile:   xmpp.ProfileXMPP,
		Role:            string(xmpp.RoleAuto),
		Scope:           string(xmpp.ScopeBoth),
		Service:         xmpp.ServiceServer,
		Severity:        "meta",
		Format:          "json",
		WebhookDeny:     "notice",
		MaxBody:         1 << 20,
		MaxConcurrent:   runtime.GOMAXPROCS(0),
		QueueTimeout:    2 * time.Second,
		ReadTimeout:     10 * time.Second,
		WriteTimeout:    30 * time.Second,
		IdleTimeout:     120 * time.Second,
		ShutdownTimeout: 25 * time.Second,
	}
}

// normalize fills the defaults into the zero fields and validates.
func (o Options) normalize() (Options, error) {
	d := Defaults()
	set := func(v *string, def string) {
		if *v == "" {
			*v = def
		}
	}
	set(&o.Listen, d.Listen)
	set(&o.Profile, d.Profile)
	set(&o.Role, d.Role)
	set(&o.Scope, d.Scope)
	set(&o.Service, d.Service)
	set(&o.Severity, d.Severity)
	set(&o.Format, d.Format)
	set(&o.WebhookDeny, d.WebhookDeny)
	set(&o.NativeProfile, d.NativeProfile)
	if o.MaxBody <= 0 {
		o.MaxBody = d.MaxBody
	}
	if o.MaxConcurrent <= 0 {
		o.MaxConcurrent = d.MaxConcurrent
	}
	if o.MaxQueue <= 0 {
		o.MaxQueue = 4 * o.MaxConcurrent
	}
	dur := func(v *time.Duration, def time.Duration) {
		if *v <= 0 {
			*v = def
		}
	}
	dur(&o.QueueTimeout, d.QueueTimeout)
	dur(&o.ReadTimeout, d.ReadTimeout)
	dur(&o.WriteTimeout, d.WriteTimeout)
	dur(&o.IdleTimeout, d.IdleTimeout)
	dur(&o.ShutdownTimeout, d.ShutdownTimeout)
	if o.DrainDelay < 0 {
		o.DrainDelay = 0
	}

	if _, _, err := splitAddr(o.Listen); err != nil {
		return o, fmt.Errorf("listen: %v", err)
	}
	if o.Monitor != "" {
		if _, _, err := splitAddr(o.Monitor); err != nil {
			return o, fmt.Errorf("monitor: %v", err)
		}
		if o.Monitor == o.Listen {
			return o, errors.New("monitor: the monitoring listener must differ from the public one")
		}
	}
	if _, err := o.socketMode(); err != nil {
		return o, err
	}
	if (o.TLSCert == "") != (o.TLSKey == "") {
		return o, errors.New("tls: give both the certificate and the key, or neither")
	}
	if !knownProfile(o.Profile) {
		return o, fmt.Errorf("profile %q: want one of %s", o.Profile, profileNames())
	}
	if !knownProfile(o.NativeProfile) {
		return o, fmt.Errorf("native profile %q: want one of %s", o.NativeProfile, profileNames())
	}
	if _, err := (xmpp.Options{Role: xmpp.Role(o.Role), Scope: xmpp.Scope(o.Scope), Service: o.Service}).Normalize(); err != nil {
		return o, err
	}
	if _, ok := severities[o.Severity]; !ok {
		return o, fmt.Errorf("severity %q: want one of meta, debug, info, notice, warning, error, bug, fatal", o.Severity)
	}
	if parseFormat(o.Format) == formatUnknown {
		return o, fmt.Errorf("format %q: want json, text or html", o.Format)
	}
	if _, err := parseDeny(o.WebhookDeny); err != nil {
		return o, err
	}
	return o, nil
}

// socketMode parses SocketMode; 0 means none given.
func (o Options) socketMode() (os.FileMode, error) {
	if o.SocketMode == "" {
		return 0, nil
	}
	m, err := strconv.ParseUint(o.SocketMode, 8, 32)
	if err != nil || m == 0 || m > 0o777 {
		return 0, fmt.Errorf("socket mode %q: want octal permission bits such as 0660", o.SocketMode)
	}
	return os.FileMode(m), nil
}

// splitAddr splits a listener address into a network and an address:
// "unix:PATH" or "host:port".
func splitAddr(addr string) (network, address string, err error) {
	if p, ok := strings.CutPrefix(addr, "unix:"); ok {
		if p == "" {
			return "", "", fmt.Errorf("%q: no socket path after unix:", addr)
		}
		return "unix", p, nil
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return "", "", fmt.Errorf("%q: want host:port or unix:PATH (%v)", addr, err)
	}
	return "tcp", addr, nil
}

// readSecret reads a step-ca webhook secret file: the base64 string
// step-ca prints and keeps in its configuration, decoded as step-ca
// decodes it before signing.
func readSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("webhook secret: %v", err)
	}
	s := strings.TrimSpace(string(b))
	if s == "" {
		return nil, fmt.Errorf("webhook secret %s: empty file", path)
	}
	key, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("webhook secret %s: not base64 as step-ca writes it: %v", path, err)
	}
	if len(key) < 16 {
		return nil, fmt.Errorf("webhook secret %s: %d bytes, want at least 16", path, len(key))
	}
	return key, nil
}

// parseDeny reads a webhook refusal level.
func parseDeny(s string) (lint.LintStatus, error) {
	switch strings.ToLower(s) {
	case "notice":
		return lint.Notice, nil
	case "warn", "warning":
		return lint.Warn, nil
	case "error":
		return lint.Error, nil
	case "fatal":
		return lint.Fatal, nil
	}
	return 0, fmt.Errorf("deny level %q: want notice, warn, error or fatal", s)
}

func knownProfile(name string) bool {
	for _, p := range xmpp.Profiles {
		if p.Name == name {
			return true
		}
	}
	return false
}

func profileNames() string {
	names := make([]string, len(xmpp.Profiles))
	for i, p := range xmpp.Profiles {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}
