package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/termsafe"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
	"github.com/xmpplint/xmpplint/live"
	"github.com/xmpplint/xmpplint/summary"
)

// environment is what run gives the commands.
type environment struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	// getenv reads the environment (NO_COLOR); tests replace it.
	getenv func(string) string
	// resolver and dialer reach live servers (check); tests replace them.
	resolver live.Resolver
	dialer   live.Dialer
	// ctx, when set, is the commands' context (serve stops when it is
	// done); tests set it.
	ctx context.Context
}

// errorf writes one error line to standard error. Its arguments often hold
// input (file names, server messages): the message is shown through
// termsafe, so that it stays on its one line.
func (e *environment) errorf(format string, args ...interface{}) {
	msg := strings.TrimSuffix(fmt.Sprintf(format, args...), "\n")
	fmt.Fprintf(e.stderr, "xmpplint: %s\n", termsafe.String(msg))
}

func (e *environment) env(key string) string {
	if e.getenv != nil {
		return e.getenv(key)
	}
	return os.Getenv(key)
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w interface{}) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// listFlag is a repeatable flag that also splits on commas.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Type() string { return "list" }

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// domainFlag is --domain: repeatable, and an empty or JID-shaped value is
// an error naming what to give instead, not a silently dropped value.
type domainFlag []string

func (d *domainFlag) String() string { return strings.Join(*d, ",") }

func (d *domainFlag) Type() string { return "domain" }

// Set takes one domain, or several separated by commas (a domain name
// has none).
func (d *domainFlag) Set(v string) error {
	for _, one := range strings.Split(v, ",") {
		one = strings.TrimSpace(one)
		if err := checkDomainArg(one); err != nil {
			return err
		}
		*d = append(*d, one)
	}
	return nil
}

// checkDomainArg rejects what is plainly not an XMPP domain before the
// lints see it: nothing, or a JID with a localpart or resource.
func checkDomainArg(v string) error {
	if strings.TrimSpace(v) == "" {
		return errors.New("empty: name the XMPP domain the certificate must serve, e.g. --domain example.org")
	}
	local, rest, hasAt := strings.Cut(v, "@")
	domain, _, hasSlash := strings.Cut(rest, "/")
	if !hasAt {
		domain, _, hasSlash = strings.Cut(v, "/")
	}
	if (hasAt && local != "") || hasSlash {
		if domain != "" && !strings.ContainsAny(domain, "@/ ") {
			return fmt.Errorf("a JID, not a domain: a certificate serves the domain; did you mean --domain %s?", domain)
		}
		return errors.New("a JID, not a domain: give the domain part only, e.g. --domain example.org")
	}
	return nil
}

// lintFlags are the flags lint and audit share. Names mirror zlint's
// (-includeNames becomes --include-names, and so on) where the meaning is
// the same.
type lintFlags struct {
	format         string
	profile        string
	includeNames   listFlag
	excludeNames   listFlag
	nameFilter     string
	includeSources string
	excludeSources string
	role, scope    string
	domains        domainFlag
	service        string
	srvTargets     listFlag
	config         string
	withZlint      bool
	failOn         string
	// explicit holds the names of the flags set on the command line.
	explicit map[string]bool
}

// parsed records which flags the user set: RunE calls it before the run.
func (f *lintFlags) parsed(fs *pflag.FlagSet) {
	f.explicit = map[string]bool{}
	fs.Visit(func(fl *pflag.Flag) { f.explicit[fl.Name] = true })
}

func (f *lintFlags) register(fs *pflag.FlagSet, failOnDefault string) {
	fs.StringVar(&f.format, "format", "auto", "input format: auto, pem, der, base64 (one DER per line) or ndjson (base64 DER under \"raw\" or \"der\")")
	f.registerSelection(fs, failOnDefault)
	fs.StringVar(&f.role, "role", "auto", "certificate role: auto, server or client")
	fs.StringVar(&f.scope, "scope", "both", "service scope of server certificates: both, c2s or s2s (s2s-only lints are NA under c2s)")
	fs.Var(&f.domains, "domain", "XMPP domain the certificate must serve, as U-label or A-label (repeatable): enables the identity lints and identity in the federation verdicts")
	fs.StringVar(&f.service, "service", xmpp.ServiceServer, "service for --domain: xmpp-server or xmpp-client")
	fs.Var(&f.srvTargets, "srv-target", "host a DNS SRV record of the domain points at (repeatable); never an identity, reported when only it matches")
}

// registerSelection registers the flags that choose the lints and the exit
// status, which every command that lints shares (check too, which takes
// the certificates' role, service and domain from what it connects to).
func (f *lintFlags) registerSelection(fs *pflag.FlagSet, failOnDefault string) {
	fs.StringVar(&f.profile, "profile", xmpp.ProfileXMPP, "lint profile: xmpp, webpki (publicly-trusted certificates), strict (RFC 6120 to the letter) or ca (an issuer's defects only, for pre-issuance)")
	fs.Var(&f.includeNames, "include-names", "run only these lints (comma-separated or repeated; overrides the profile); with --with-zlint, zlint's names too")
	fs.Var(&f.excludeNames, "exclude-names", "do not run these lints (xmpplint's, or zlint's with --with-zlint)")
	fs.StringVar(&f.nameFilter, "name-filter", "", "run only lints whose name matches this regular expression")
	fs.StringVar(&f.includeSources, "include-sources", "", "run only lints from these sources: "+strings.Join(xmpp.SourceNames(), ", ")+" (with --with-zlint, zlint's sources too)")
	fs.StringVar(&f.excludeSources, "exclude-sources", "", "do not run lints from these sources")
	fs.StringVar(&f.config, "config", "", "zlint TOML configuration file: [Global] xmpp_role, xmpp_scope, xmpp_domains...; per-lint tables win for their lint; passed to zlint's lints with --with-zlint (xmpplint lints --example-config)")
	fs.BoolVar(&f.withZlint, "with-zlint", false, "also run zlint's own lints (its CABF lints error on any otherName SAN)")
	fs.StringVar(&f.failOn, "fail-on", failOnDefault, "exit 1 when a finding reaches this level: notice, warn, error, or none (never)")
}

// failLevel maps --fail-on to a status; ok is false for none.
func (f *lintFlags) failLevel() (level lint.LintStatus, ok bool, err error) {
	switch strings.ToLower(f.failOn) {
	case "none", "never":
		return 0, false, nil
	case "notice", "info":
		return lint.Notice, true, nil
	case "warn", "warning":
		return lint.Warn, true, nil
	case "error":
		return lint.Error, true, nil
	}
	return 0, false, fmt.Errorf("--fail-on %q: want notice, warn, error or none", f.failOn)
}

// failGate is --fail-on as a test of the worst status of a run.
type failGate struct {
	level lint.LintStatus
	on    bool
}

func (f *lintFlags) gate() (failGate, error) {
	l, on, err := f.failLevel()
	return failGate{l, on}, err
}

func (g failGate) fails(worst lint.LintStatus) bool { return g.on && worst >= g.level }

// checkConfig turns the flags into the engine's configuration.
func (f *lintFlags) checkConfig() (check.Config, error) {
	cfg := check.Config{Profile: f.profile, NameFilter: f.nameFilter}
	sel, err := f.selection()
	if err != nil {
		return cfg, err
	}
	cfg.IncludeNames, cfg.ExcludeNames = sel.includeOurs, sel.excludeOurs
	cfg.IncludeSources, cfg.ExcludeSources = sel.includeSrc, sel.excludeSrc
	if sel.noneOfOurs {
		// Every filter is a condition all lints must meet: one that no
		// name matches leaves none of xmpplint's lints, as the user's
		// zlint-only include list asks.
		cfg.IncludeNames, cfg.NameFilter = nil, "^$"
	}
	opts := xmpp.DefaultOptions()
	zcfg := lint.NewEmptyConfig() // what zlint's own CLI gives its lints without -config
	if f.config != "" {
		file, err := loadConfigFile(f.config)
		if err != nil {
			return cfg, err
		}
		opts = file.options
		zcfg = file.zlint
		cfg.LintOptions = file.lintOptions
	}
	// Flags set on the command line win over the configuration file.
	set := f.explicit
	if set["role"] || f.config == "" {
		opts.Role = xmpp.Role(f.role)
	}
	if set["scope"] || f.config == "" {
		opts.Scope = xmpp.Scope(f.scope)
	}
	if set["service"] || f.config == "" {
		opts.Service = f.service
	}
	if len(f.domains) > 0 {
		opts.Domains = f.domains
	}
	if len(f.srvTargets) > 0 {
		opts.SRVTargets = f.srvTargets
	}
	cfg.Options = opts
	if f.withZlint {
		z, err := newZlintRunner(zcfg, sel.zlint)
		if err != nil {
			return cfg, err
		}
		cfg.Zlint = z
	}
	return cfg, nil
}

// newChecker builds the engine from the flags, with federation verdicts.
func (e *environment) newChecker(f *lintFlags) (*check.Checker, error) {
	cfg, err := f.checkConfig()
	if err != nil {
		return nil, err
	}
	cfg.Federation = true
	return check.New(cfg)
}

// fedLayout orders reports as the federation model table does.
func fedLayout() summary.Layout {
	var l summary.Layout
	for _, m := range interop.Models {
		l.Models = append(l.Models, m.Name)
	}
	for _, d := range interop.Directions {
		l.Directions = append(l.Directions, string(d))
	}
	return l
}
