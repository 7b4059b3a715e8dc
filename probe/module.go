package probe

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	toml "github.com/pelletier/go-toml"
	"github.com/zmap/zlint/v3/lint"
	yaml "go.yaml.in/yaml/v3"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/live"
)

// ModuleConfig is one module as a configuration file writes it. Every
// field but Prober may be left out.
type ModuleConfig struct {
	// Prober is a row of the prober table: s2s (xmpp-server) or c2s
	// (xmpp-client).
	Prober string `yaml:"prober" toml:"prober"`
	// DirectTLS: TLS from the first byte (XEP-0368, _xmpps-* SRV records)
	// instead of STARTTLS (_xmpp-* records, else the RFC 6120 fallback).
	DirectTLS bool `yaml:"direct_tls" toml:"direct_tls"`
	// Timeout bounds a probe end to end ("10s"); 10 s when empty. A
	// shorter X-Prometheus-Scrape-Timeout-Seconds wins.
	Timeout string `yaml:"timeout" toml:"timeout"`
	// From is the s2s stream's from attribute (the monitoring domain);
	// empty leaves it out.
	From string `yaml:"from" toml:"from"`
	// Trust says which roots the chain must verify to: "default" (the
	// server's: system roots unless --no-system-roots, plus --ca-file),
	// "system" (system roots plus CAFiles), "files" (CAFiles only) or
	// "none" (trust is not judged).
	Trust   string   `yaml:"trust" toml:"trust"`
	CAFiles []string `yaml:"ca_files" toml:"ca_files"`
	// RequireAccept lists verifier models (interop.Models) that must
	// accept the certificate: "ejabberd-legacy" for every direction of the
	// prober's service, "ejabberd-legacy:s2s-in" for one.
	RequireAccept []string `yaml:"require_accept" toml:"require_accept"`
	// FailOn is the lowest lint result that fails the probe: info, warn,
	// error (the default), fatal, or never.
	FailOn string `yaml:"fail_on" toml:"fail_on"`
	// Profile is the lint profile: xmpp (default), webpki or strict.
	Profile string `yaml:"profile" toml:"profile"`
}

// fileConfig is a configuration file: modules by name.
type fileConfig struct {
	Modules map[string]ModuleConfig `yaml:"modules" toml:"modules"`
}

// Module is a validated module, ready to probe with.
type Module struct {
	Name      string
	Prober    *Prober
	DirectTLS bool
	Timeout   time.Duration
	From      string
	// Roots are nil when the module's trust is "none".
	Roots *live.Roots
	// Require are the verdicts that must be accept.
	Require []Requirement
	// FailOn is the lowest status that fails; lint.Reserved never fails.
	FailOn lint.LintStatus
	Check  check.Config
	// Builtin is set for the modules every server has.
	Builtin bool
}

// Requirement is a verifier model that must accept in one direction.
type Requirement struct {
	Model     string
	Direction interop.Direction
}

// DefaultTimeout is a module's timeout when its configuration names none.
const DefaultTimeout = 10 * time.Second

// maxConfigSize bounds a configuration file.
const maxConfigSize = 1 << 20

// builtins are the modules with the names Prosody's `prosodyctl check
// connectivity` and the XMPP blackbox exporter's example use: STARTTLS and
// XEP-0368 direct TLS, s2s and c2s. They trust the server's roots and fail
// on lint errors.
func builtins() map[string]ModuleConfig {
	return map[string]ModuleConfig{
		"s2s_normal":      {Prober: "s2s"},
		"s2s_direct":      {Prober: "s2s", DirectTLS: true},
		"c2s_normal_auth": {Prober: "c2s"},
		"c2s_direct":      {Prober: "c2s", DirectTLS: true},
	}
}

// BuiltinModules names the built-in modules, sorted.
func BuiltinModules() []string {
	var names []string
	for n := range builtins() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// readConfig decodes a YAML (.yaml, .yml) or TOML (.toml) module file,
// strictly: an unknown or repeated key is an error.
func readConfig(path string) (fileConfig, error) {
	var fc fileConfig
	f, err := os.Open(path)
	if err != nil {
		return fc, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigSize+1))
	if err != nil {
		return fc, fmt.Errorf("%s: %v", path, err)
	}
	if len(data) > maxConfigSize {
		return fc, fmt.Errorf("%s: larger than %d bytes", path, maxConfigSize)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
			return fc, fmt.Errorf("%s: %v", path, err)
		}
	case ".toml":
		if err := toml.NewDecoder(bytes.NewReader(data)).Strict(true).Decode(&fc); err != nil {
			return fc, fmt.Errorf("%s: %v", path, err)
		}
	default:
		return fc, fmt.Errorf("%s: want a .yaml, .yml or .toml file", path)
	}
	return fc, nil
}

// loadModules returns the built-in modules and those of the file at path
// (none when path is empty), validated; a module of the file replaces the
// built-in module of the same name. Every module's problems are reported,
// not only the first.
func loadModules(path string, o Options) (map[string]*Module, error) {
	confs := builtins()
	builtin := map[string]bool{}
	for n := range confs {
		builtin[n] = true
	}
	if path != "" {
		fc, err := readConfig(path)
		if err != nil {
			return nil, err
		}
		for name, mc := range fc.Modules {
			confs[name] = mc
			builtin[name] = false
		}
	}
	var defaultRoots *live.Roots
	rootsFor := func() (*live.Roots, error) {
		if defaultRoots == nil {
			r, err := live.LoadRoots(!o.NoSystemRoots, o.CAFiles...)
			if err != nil {
				return nil, err
			}
			defaultRoots = &r
		}
		return defaultRoots, nil
	}
	names := make([]string, 0, len(confs))
	for n := range confs {
		names = append(names, n)
	}
	sort.Strings(names)
	mods := map[string]*Module{}
	var errs []error
	for _, name := range names {
		m, err := newModule(name, confs[name], rootsFor)
		if err != nil {
			where := "module"
			if path != "" && !builtin[name] {
				where = path + ": module"
			}
			errs = append(errs, fmt.Errorf("%s %q: %w", where, name, err))
			continue
		}
		m.Builtin = builtin[name]
		mods[name] = m
	}
	if err := joinErrs(errs); err != nil {
		return nil, err
	}
	return mods, nil
}

// newModule validates one module's configuration.
func newModule(name string, mc ModuleConfig, defaultRoots func() (*live.Roots, error)) (*Module, error) {
	if name == "" || strings.ContainsFunc(name, func(r rune) bool { return r < 0x21 || r > 0x7e }) {
		return nil, errors.New("a module name is printable ASCII without spaces")
	}
	p, ok := probers[mc.Prober]
	if !ok {
		return nil, fmt.Errorf("prober %q: want one of %s", mc.Prober, strings.Join(proberNames(), ", "))
	}
	m := &Module{Name: name, Prober: p, DirectTLS: mc.DirectTLS, From: mc.From, Timeout: DefaultTimeout}
	var errs []error
	if mc.Timeout != "" {
		d, err := time.ParseDuration(mc.Timeout)
		switch {
		case err != nil:
			errs = append(errs, fmt.Errorf("timeout %q: %v", mc.Timeout, err))
		case d <= 0 || d > 10*time.Minute:
			errs = append(errs, fmt.Errorf("timeout %q: want more than 0 and at most 10m", mc.Timeout))
		default:
			m.Timeout = d
		}
	}
	if mc.From != "" {
		if !p.From {
			errs = append(errs, fmt.Errorf("from: only the s2s prober names a from domain"))
		} else if _, err := targetDomain(mc.From); err != nil {
			errs = append(errs, fmt.Errorf("from: %v", err))
		}
	}
	switch strings.ToLower(mc.Trust) {
	case "", "default":
		if len(mc.CAFiles) > 0 {
			errs = append(errs, errors.New("ca_files go with trust: system or trust: files"))
		} else if r, err := defaultRoots(); err != nil {
			errs = append(errs, fmt.Errorf("trust: %v", err))
		} else {
			m.Roots = r
		}
	case "system", "files":
		system := strings.EqualFold(mc.Trust, "system")
		if !system && len(mc.CAFiles) == 0 {
			errs = append(errs, errors.New("trust: files needs ca_files"))
		} else if r, err := live.LoadRoots(system, mc.CAFiles...); err != nil {
			errs = append(errs, fmt.Errorf("trust: %v", err))
		} else {
			m.Roots = &r
		}
	case "none":
		if len(mc.CAFiles) > 0 {
			errs = append(errs, errors.New("ca_files go with trust: system or trust: files"))
		}
	default:
		errs = append(errs, fmt.Errorf("trust %q: want default, system, files or none", mc.Trust))
	}
	for _, req := range mc.RequireAccept {
		rs, err := p.requirements(req)
		if err != nil {
			errs = append(errs, fmt.Errorf("require_accept: %v", err))
			continue
		}
		m.Require = append(m.Require, rs...)
	}
	switch strings.ToLower(mc.FailOn) {
	case "info", "notice":
		m.FailOn = lint.Notice
	case "warn", "warning":
		m.FailOn = lint.Warn
	case "", "error":
		m.FailOn = lint.Error
	case "fatal":
		m.FailOn = lint.Fatal
	case "never":
		m.FailOn = lint.Reserved
	default:
		errs = append(errs, fmt.Errorf("fail_on %q: want info, warn, error, fatal or never", mc.FailOn))
	}
	m.Check = check.Config{Profile: mc.Profile, Federation: true}
	if _, err := check.Select(m.Check); err != nil {
		errs = append(errs, err)
	}
	if err := joinErrs(errs); err != nil {
		return nil, err
	}
	return m, nil
}

// requirements parses one require_accept entry: a model, or model:direction.
func (p *Prober) requirements(s string) ([]Requirement, error) {
	model, dir, hasDir := strings.Cut(strings.TrimSpace(s), ":")
	if _, ok := interop.LookupModel(model); !ok {
		var known []string
		for _, m := range interop.Models {
			known = append(known, m.Name)
		}
		return nil, fmt.Errorf("model %q: want one of %s", model, strings.Join(known, ", "))
	}
	if !hasDir {
		out := make([]Requirement, len(p.Directions))
		for i, d := range p.Directions {
			out[i] = Requirement{model, d}
		}
		return out, nil
	}
	for _, d := range p.Directions {
		if string(d) == dir {
			return []Requirement{{model, d}}, nil
		}
	}
	var dirs []string
	for _, d := range p.Directions {
		dirs = append(dirs, string(d))
	}
	return nil, fmt.Errorf("%q: the %s prober's directions are %s", s, p.Name, strings.Join(dirs, ", "))
}

// joinErrs is errors.Join on one line: every mistake of a module file is
// reported at once, and the command line shows an error on one line,
// where errors.Join's newlines came out as literal "\n" escapes.
func joinErrs(errs []error) error {
	if err := errors.Join(errs...); err != nil {
		return oneLineErr{err.(interface{ Unwrap() []error })}
	}
	return nil
}

type oneLineErr struct{ joined interface{ Unwrap() []error } }

func (e oneLineErr) Error() string {
	var b strings.Builder
	for i, err := range e.joined.Unwrap() {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

func (e oneLineErr) Unwrap() []error { return e.joined.Unwrap() }
