package xmpp

import (
	"fmt"
	"strings"

	"github.com/zmap/zlint/v3/lint"
)

// Role is what a certificate is used as, or what the user says it is.
type Role string

// Roles (rules.md, "Roles").
const (
	// RoleAuto detects the role from the certificate (the default).
	RoleAuto Role = "auto"
	// RoleServer: an XMPP service's certificate (c2s responder; s2s both ways).
	RoleServer Role = "server"
	// RoleClient: a user's certificate for c2s SASL EXTERNAL.
	RoleClient Role = "client"
	// RoleCA: a CA certificate with no server identity; only detected, never
	// forced. Server and client lints are NA on it.
	RoleCA Role = "ca"
)

// Scope is the service a server certificate is deployed for.
type Scope string

// Scopes.
const (
	ScopeBoth Scope = "both"
	ScopeC2S  Scope = "c2s"
	ScopeS2S  Scope = "s2s"
)

// Service names for identity checks (RFC 6120 3.2.1).
const (
	ServiceServer = "xmpp-server"
	ServiceClient = "xmpp-client"
)

// Options steer the lints: the role and scope the user declares, and for
// the identity lints the target domains and service.
type Options struct {
	Role  Role
	Scope Scope
	// Domains are the reference identifiers: XMPP domains (the JID's
	// domainpart) given as U-labels or A-labels in any case. Identity lints
	// are NA without one.
	Domains []string
	// Service is ServiceServer (default) or ServiceClient.
	Service string
	// SRVTargets are hosts the user's DNS SRV records point at. They are
	// never reference identifiers (RFC 6120 13.7.2.1); a certificate that
	// matches only them gets w_xmpp_identity_is_srv_target_not_source.
	SRVTargets []string
}

// DefaultOptions are role auto, scope both, service xmpp-server.
func DefaultOptions() Options {
	return Options{Role: RoleAuto, Scope: ScopeBoth, Service: ServiceServer}
}

// Normalize fills defaults and validates the values.
func (o Options) Normalize() (Options, error) {
	if o.Role == "" {
		o.Role = RoleAuto
	}
	if o.Scope == "" {
		o.Scope = ScopeBoth
	}
	if o.Service == "" {
		o.Service = ServiceServer
	}
	o.Role = Role(strings.ToLower(string(o.Role)))
	o.Scope = Scope(strings.ToLower(string(o.Scope)))
	switch o.Role {
	case RoleAuto, RoleServer, RoleClient:
	default:
		return o, fmt.Errorf("role %q: want auto, server or client", o.Role)
	}
	switch o.Scope {
	case ScopeBoth, ScopeC2S, ScopeS2S:
	default:
		return o, fmt.Errorf("scope %q: want both, c2s or s2s", o.Scope)
	}
	o.Service = strings.TrimPrefix(strings.ToLower(o.Service), "_")
	switch o.Service {
	case ServiceServer, ServiceClient:
	default:
		return o, fmt.Errorf("service %q: want xmpp-server or xmpp-client", o.Service)
	}
	for _, d := range append(append([]string(nil), o.Domains...), o.SRVTargets...) {
		if _, err := ReferenceDomain(d); err != nil {
			return o, err
		}
	}
	return o, nil
}

// ReferenceDomain maps a domain the user gives (U-labels or A-labels, any
// case, optional trailing dot) to lower-case A-label form, and checks that
// it is a host name: letters, digits and inner hyphens; no wildcard,
// localpart or resourcepart.
func ReferenceDomain(s string) (string, error) {
	trimmed := strings.TrimSuffix(s, ".")
	if trimmed == "" {
		return "", fmt.Errorf("domain %q: empty", s)
	}
	if strings.ContainsAny(trimmed, "*@/") {
		return "", fmt.Errorf("domain %q: not a domain name ('*', '@' or '/')", s)
	}
	a, err := ToASCII(trimmed)
	if err != nil {
		return "", fmt.Errorf("domain %q: %v", s, err)
	}
	if problem := DNSNameProblem(a, false); problem != "" || strings.HasSuffix(a, ".") {
		if problem == "" {
			problem = "empty label"
		}
		return "", fmt.Errorf("domain %q: %s", s, problem)
	}
	return a, nil
}

// Config is the TOML configuration every xmpplint lint accepts through
// zlint's configuration machinery. Settings can be made for all xmpplint
// lints at once in zlint's [Global] table with the xmpp_ prefix, or for one
// lint in its own table, which wins:
//
//	[Global]
//	xmpp_role = "server"
//	xmpp_scope = "s2s"
//	xmpp_domains = ["example.org"]
//
//	[w_xmpp_s2s_eku_missing_client_auth]
//	scope = "c2s"
type Config struct {
	Role       string   `toml:"role" comment:"auto, server or client"`
	Scope      string   `toml:"scope" comment:"both, c2s or s2s"`
	Domains    []string `toml:"domains" comment:"XMPP domains the certificate must serve"`
	Service    string   `toml:"service" comment:"xmpp-server or xmpp-client"`
	SRVTargets []string `toml:"srv_targets" comment:"hosts named by DNS SRV records (never identities)"`
	// Global receives the xmpp_ keys of zlint's [Global] table.
	Global *GlobalConfig
}

// GlobalConfig holds the xmpp_ keys of zlint's [Global] configuration table.
// Embedding lint.Global makes zlint fill it from that table for every lint;
// the embedded field goes through an unexported alias so that zlint's
// reflection does not try to configure the embedded value a second time.
type GlobalConfig struct {
	globalNamespace
	Role       string   `toml:"xmpp_role"`
	Scope      string   `toml:"xmpp_scope"`
	Domains    []string `toml:"xmpp_domains"`
	Service    string   `toml:"xmpp_service"`
	SRVTargets []string `toml:"xmpp_srv_targets"`
}

type globalNamespace = lint.Global

// Options resolves the configuration: a lint's own table over [Global] over
// the defaults. Invalid values come back as an error, which the adapter turns
// into a Fatal result naming the value.
func (c *Config) Options() (Options, error) {
	o := DefaultOptions()
	if g := c.Global; g != nil {
		o = pick(o, g.Role, g.Scope, g.Service, g.Domains, g.SRVTargets)
	}
	o = pick(o, c.Role, c.Scope, c.Service, c.Domains, c.SRVTargets)
	return o.Normalize()
}

func pick(o Options, role, scope, service string, domains, targets []string) Options {
	if role != "" {
		o.Role = Role(role)
	}
	if scope != "" {
		o.Scope = Scope(scope)
	}
	if service != "" {
		o.Service = service
	}
	if domains != nil {
		o.Domains = domains
	}
	if targets != nil {
		o.SRVTargets = targets
	}
	return o
}

// TOML renders o as a zlint configuration ([Global] table with xmpp_ keys),
// for pipelines that drive zlint with a configuration file.
func (o Options) TOML() string {
	var b strings.Builder
	b.WriteString("[Global]\n")
	fmt.Fprintf(&b, "xmpp_role = %s\n", tomlQuote(string(o.Role)))
	fmt.Fprintf(&b, "xmpp_scope = %s\n", tomlQuote(string(o.Scope)))
	if o.Service != "" {
		fmt.Fprintf(&b, "xmpp_service = %s\n", tomlQuote(o.Service))
	}
	writeList := func(key string, vals []string) {
		if len(vals) == 0 {
			return
		}
		q := make([]string, len(vals))
		for i, v := range vals {
			q[i] = tomlQuote(v)
		}
		fmt.Fprintf(&b, "%s = [%s]\n", key, strings.Join(q, ", "))
	}
	writeList("xmpp_domains", o.Domains)
	writeList("xmpp_srv_targets", o.SRVTargets)
	return b.String()
}

// Configuration returns o as a zlint lint.Configuration, ready for
// registry.SetConfiguration.
func (o Options) Configuration() (lint.Configuration, error) {
	n, err := o.Normalize()
	if err != nil {
		return lint.Configuration{}, err
	}
	return lint.NewConfigFromString(n.TOML())
}

// tomlQuote writes s as a TOML basic string.
func tomlQuote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
