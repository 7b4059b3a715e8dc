package xmpp

import (
	"fmt"
	"sort"
	"sync"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"
)

// Lint is the body of an xmpplint lint, written against the decoded view.
// Applies holds what the lint needs beyond its declared Roles, Scope and
// Needs; Check runs only when Applies returned true.
type Lint interface {
	Applies(v *Cert) bool
	Check(v *Cert) *lint.LintResult
}

// Applicability of a lint to a resolved role.
type Applicability int

// What a lint applies to.
const (
	// AppliesServer: server certificates only.
	AppliesServer Applicability = iota + 1
	// AppliesClient: client certificates only.
	AppliesClient
	// AppliesServerClient: server or client, not CA certificates.
	AppliesServerClient
	// AppliesAny: any certificate, CA certificates included.
	AppliesAny
)

// String names the applicability for documentation.
func (a Applicability) String() string {
	switch a {
	case AppliesServer:
		return "server"
	case AppliesClient:
		return "client"
	case AppliesServerClient:
		return "server, client"
	case AppliesAny:
		return "any"
	}
	return "?"
}

func (a Applicability) covers(r Role) bool {
	switch a {
	case AppliesServer:
		return r == RoleServer
	case AppliesClient:
		return r == RoleClient
	case AppliesServerClient:
		return r == RoleServer || r == RoleClient
	case AppliesAny:
		return true
	}
	return false
}

// Needs says what input besides the certificate a lint needs.
type Needs int

// Inputs a lint can need.
const (
	NeedsNothing Needs = iota
	// NeedsChain: the presented CA certificates (spec section I).
	NeedsChain
	// NeedsDomain: a target domain and service (spec section J).
	NeedsDomain
)

// Profile tags of a lint (rules.md, "Profiles").
const (
	ProfileXMPP   = "xmpp"
	ProfileWebPKI = "webpki"
	ProfileStrict = "strict"
)

// Info is one xmpplint lint: zlint's metadata plus the applicability that
// xmpplint's engine and documentation read.
type Info struct {
	lint.LintMetadata
	// Applies is the role the lint applies to.
	Applies Applicability
	// Scope: ScopeBoth when the lint applies whatever the declared scope;
	// ScopeS2S for s2s-only lints (NA under c2s), ScopeC2S for c2s-only ones.
	Scope Scope
	// Profile: ProfileXMPP for the default set, ProfileWebPKI or
	// ProfileStrict for lints only those profiles add.
	Profile string
	Needs   Needs
	// New returns the lint body. Lints are pure, so it may return a shared
	// zero-size value.
	New func() Lint
}

var (
	mu      sync.RWMutex
	entries = map[string]*Info{}
)

// Register adds a lint to xmpplint's table and to zlint's global registry.
// It panics on a duplicate or incomplete registration, as zlint does, so a
// broken lint never reaches a user: init-time only.
func Register(info *Info) {
	if info.Applies == 0 || info.New == nil || info.Name == "" || info.Citation == "" ||
		info.Description == "" || info.Source == "" || info.EffectiveDate.IsZero() {
		panic(fmt.Sprintf("xmpp.Register: incomplete metadata for %q", info.Name))
	}
	if info.Scope == "" {
		info.Scope = ScopeBoth
	}
	if info.Profile == "" {
		info.Profile = ProfileXMPP
	}
	info.OverrideFrameworkFilter = true
	mu.Lock()
	if _, dup := entries[info.Name]; dup {
		mu.Unlock()
		panic("xmpp.Register: duplicate lint " + info.Name)
	}
	entries[info.Name] = info
	mu.Unlock()
	lint.RegisterCertificateLint(&lint.CertificateLint{
		LintMetadata: info.LintMetadata,
		Lint: func() lint.CertificateLintInterface {
			return &adapter{info: info, impl: info.New()}
		},
	})
}

// All returns every registered xmpplint lint, sorted by name.
func All() []*Info {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]*Info, 0, len(entries))
	for _, e := range entries {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Lookup returns the lint called name.
func Lookup(name string) (*Info, bool) {
	mu.RLock()
	defer mu.RUnlock()
	e, ok := entries[name]
	return e, ok
}

// InProfile reports whether the lint belongs to the named profile: xmpp
// holds the default lints, webpki and strict add their own to those, ca
// selects an issuer's defects (profile_ca.go).
func (info *Info) InProfile(profile string) bool {
	switch profile {
	case ProfileXMPP:
		return info.Profile == ProfileXMPP
	case ProfileWebPKI, ProfileStrict:
		return info.Profile == ProfileXMPP || info.Profile == profile
	case ProfileCA:
		_, in := caLints[info.Name]
		return in
	}
	return false
}

// Profiles lists the profile names with their descriptions.
var Profiles = []struct{ Name, Description string }{
	{ProfileXMPP, "xmpplint's default: every XMPP lint except the webpki and strict ones"},
	{ProfileWebPKI, "xmpp plus the lints for publicly-trusted certificates (CA/B Forum BRs forbid otherName SANs)"},
	{ProfileStrict, "xmpp plus RFC 6120 13.7.1.1 to the letter, even where Web PKI practice differs"},
	{ProfileCA, "for CAs before issuance: only what an issuer controls and must never issue (no interop advice), so any result above pass may stop issuance"},
}

// ProfileNames lists the profile names, for messages.
func ProfileNames() []string {
	out := make([]string, len(Profiles))
	for i, p := range Profiles {
		out[i] = p.Name
	}
	return out
}

// RegisterProfiles registers the xmpp, webpki and strict profiles with
// zlint (lint.RegisterProfile) from the lints registered so far. The lints
// package calls it once every topic package has registered its lints.
func RegisterProfiles() {
	for _, p := range Profiles {
		var names []string
		for _, info := range All() {
			if info.InProfile(p.Name) {
				names = append(names, info.Name)
			}
		}
		lint.RegisterProfile(lint.Profile{
			Name:        p.Name,
			Description: p.Description,
			Source:      SourceXEP,
			Citation:    "XEP-0178; RFC 6120 13.7",
			LintNames:   names,
		})
	}
}

// AppliesTo reports whether the lint applies to v: role, scope, needed
// input, and the lint's own rule.
func (info *Info) AppliesTo(v *Cert, impl Lint) bool {
	if !info.Applies.covers(v.Role) {
		return false
	}
	switch {
	case info.Scope == ScopeS2S && v.Opts.Scope == ScopeC2S:
		return false
	case info.Scope == ScopeC2S && v.Opts.Scope == ScopeS2S:
		return false
	}
	switch info.Needs {
	case NeedsChain:
		if len(v.Chain) == 0 {
			return false
		}
	case NeedsDomain:
		if len(v.Opts.Domains) == 0 {
			return false
		}
	}
	return impl.Applies(v)
}

// Effective reports whether c was issued within the lint's effective dates.
func (info *Info) Effective(c *x509.Certificate) bool {
	return effective(info.EffectiveDate, info.IneffectiveDate, c.NotBefore)
}

func effective(from, until, t time.Time) bool {
	if !from.IsZero() && t.Before(from) {
		return false
	}
	if !until.IsZero() && !t.Before(until) {
		return false
	}
	return true
}

// Run runs the lint on v the way zlint runs a certificate lint (NA when it
// does not apply, NE before its effective date, then the lint body),
// turning a panic into a Fatal result that names the lint. Results without
// details may be shared between calls: read them, do not modify them.
func (info *Info) Run(v *Cert) (res *lint.LintResult) {
	defer func() {
		if r := recover(); r != nil {
			res = &lint.LintResult{Status: lint.Fatal, Details: fmt.Sprintf("%s panicked: %v", info.Name, r)}
		}
	}()
	impl := info.New()
	if !info.AppliesTo(v, impl) {
		return naResult
	}
	if !info.Effective(v.X) {
		return neResult
	}
	return impl.Check(v)
}

// adapter runs an xmpplint lint inside zlint: configured by zlint's TOML
// configuration, one certificate at a time.
type adapter struct {
	info *Info
	impl Lint
	cfg  Config
	view *Cert
	err  error
}

// Configure implements lint.Configurable.
func (a *adapter) Configure() interface{} { return &a.cfg }

func (a *adapter) viewOf(c *x509.Certificate) *Cert {
	if a.view == nil || a.view.X != c {
		opts, err := a.cfg.Options()
		a.err = err
		a.view = NewCert(c, opts)
	}
	return a.view
}

// CheckApplies implements lint.CertificateLintInterface.
func (a *adapter) CheckApplies(c *x509.Certificate) bool {
	v := a.viewOf(c)
	if a.err != nil {
		return true // Execute reports the configuration error
	}
	return a.info.AppliesTo(v, a.impl)
}

// Execute implements lint.CertificateLintInterface.
func (a *adapter) Execute(c *x509.Certificate) *lint.LintResult {
	v := a.viewOf(c)
	if a.err != nil {
		return &lint.LintResult{Status: lint.Fatal, Details: "xmpplint configuration: " + a.err.Error()}
	}
	res := a.impl.Check(v)
	if res == nil {
		return nil
	}
	copied := *res // zlint writes into the result: never hand it a shared one
	return &copied
}

// Shared results without details. Lint bodies and Info.Run return them
// instead of allocating one per lint and certificate; they must never be
// modified. The zlint adapter hands zlint a copy, since zlint writes the
// lint's metadata into each result it gets.
var (
	passResult = &lint.LintResult{Status: lint.Pass}
	naResult   = &lint.LintResult{Status: lint.NA}
	neResult   = &lint.LintResult{Status: lint.NE}
)

// Pass is the result of a lint that found nothing. It is shared: callers
// must not modify it.
func Pass() *lint.LintResult { return passResult }

// Result is a non-pass result with a Details sentence naming the value.
func Result(s lint.LintStatus, format string, args ...interface{}) *lint.LintResult {
	return &lint.LintResult{Status: s, Details: fmt.Sprintf(format, args...)}
}
