package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

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

func (l *listFlag) Set(v string) error {
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
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
	domains        listFlag
	service        string
	srvTargets     listFlag
	config         string
	withZlint      bool
	failOn         string
	// failOnDefault is --fail-on's default: error for lint, none for audit.
	failOnDefault string
	// explicit holds the names of the flags set on the command line.
	explicit map[string]bool
}

// parse parses args and records which flags the user set.
func (f *lintFlags) parse(fs *flag.FlagSet, args []string) error {
	if f.failOnDefault != "" {
		fs.Lookup("fail-on").DefValue = f.failOnDefault
		f.failOn = f.failOnDefault
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	f.explicit = map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { f.explicit[fl.Name] = true })
	return nil
}

func (f *lintFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "auto", "input format: auto, pem, der, base64 (one DER per line) or ndjson (base64 DER under \"raw\" or \"der\")")
	f.registerSelection(fs)
	fs.StringVar(&f.role, "role", "auto", "certificate role: auto, server or client")
	fs.StringVar(&f.scope, "scope", "both", "service scope of server certificates: both, c2s or s2s (s2s-only lints are NA under c2s)")
	fs.Var(&f.domains, "domain", "XMPP domain the certificate must serve, as U-label or A-label (repeatable): enables the identity lints and identity in the federation verdicts")
	fs.StringVar(&f.service, "service", xmpp.ServiceServer, "service for --domain: xmpp-server or xmpp-client")
	fs.Var(&f.srvTargets, "srv-target", "host a DNS SRV record of the domain points at (repeatable); never an identity, reported when only it matches")
}

// registerSelection registers the flags that choose the lints and the exit
// status, which every command that lints shares (check too, which takes
// the certificates' role, service and domain from what it connects to).
func (f *lintFlags) registerSelection(fs *flag.FlagSet) {
	fs.StringVar(&f.profile, "profile", xmpp.ProfileXMPP, "lint profile: xmpp, webpki (publicly-trusted certificates) or strict (RFC 6120 to the letter)")
	fs.Var(&f.includeNames, "include-names", "run only these lints (comma-separated or repeated; overrides the profile)")
	fs.Var(&f.excludeNames, "exclude-names", "do not run these lints")
	fs.StringVar(&f.nameFilter, "name-filter", "", "run only lints whose name matches this regular expression")
	fs.StringVar(&f.includeSources, "include-sources", "", "run only lints from these sources: "+strings.Join(xmpp.SourceNames(), ", "))
	fs.StringVar(&f.excludeSources, "exclude-sources", "", "do not run lints from these sources")
	fs.StringVar(&f.config, "config", "", "zlint TOML configuration file ([Global] xmpp_role, xmpp_scope, xmpp_domains... ; passed to zlint's lints with --with-zlint)")
	fs.BoolVar(&f.withZlint, "with-zlint", false, "also run zlint's own lints (its CABF lints error on any otherName SAN)")
	fs.StringVar(&f.failOn, "fail-on", "error", "exit 1 when a finding reaches this level: notice, warn or error (audit: also none, the default)")
}

// failLevel maps --fail-on to a status.
func (f *lintFlags) failLevel() (lint.LintStatus, error) {
	switch strings.ToLower(f.failOn) {
	case "notice", "info":
		return lint.Notice, nil
	case "warn", "warning":
		return lint.Warn, nil
	case "error":
		return lint.Error, nil
	}
	return 0, fmt.Errorf("--fail-on %q: want notice, warn or error", f.failOn)
}

// checkConfig turns the flags into the engine's configuration.
func (f *lintFlags) checkConfig() (check.Config, error) {
	cfg := check.Config{Profile: f.profile, IncludeNames: f.includeNames, ExcludeNames: f.excludeNames, NameFilter: f.nameFilter}
	var err error
	if cfg.IncludeSources, err = xmpp.ParseSources(f.includeSources); err != nil {
		return cfg, fmt.Errorf("--include-sources: %v", err)
	}
	if cfg.ExcludeSources, err = xmpp.ParseSources(f.excludeSources); err != nil {
		return cfg, fmt.Errorf("--exclude-sources: %v", err)
	}
	opts := xmpp.DefaultOptions()
	var zcfg lint.Configuration
	if f.config != "" {
		file, err := loadConfigFile(f.config)
		if err != nil {
			return cfg, err
		}
		opts = file.options
		zcfg = file.zlint
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
		z, err := newZlintRunner(zcfg)
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

// helpOrUsage is the exit status of a flag parsing error: 0 for -h, which
// printed the help the user asked for, 2 otherwise.
func helpOrUsage(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	return exitUsage
}
