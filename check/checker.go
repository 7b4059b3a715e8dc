// Package check is xmpplint's engine: it selects lints (profile, names,
// sources), runs them on a leaf with its presented chain under the user's
// options, adds the federation verdicts, and produces one Record per
// certificate. The lint and audit commands, and Go programs that embed
// xmpplint, all go through it.
package check

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Config selects the lints and sets the options they run under.
type Config struct {
	// Options: role, scope, target domains and service.
	Options xmpp.Options
	// Profile is xmpp (default), webpki, strict or ca (xmpp.Profiles).
	Profile string
	// IncludeNames and ExcludeNames filter by exact lint name;
	// NameFilter by regular expression on the name.
	IncludeNames, ExcludeNames []string
	NameFilter                 string
	// IncludeSources and ExcludeSources filter by lint source.
	IncludeSources, ExcludeSources []lint.LintSource
	// Federation adds the federation verdicts (package interop) to the
	// record of every server or client certificate.
	Federation bool
	// Zlint, when set, also runs zlint's own lints from this registry
	// (configured by the caller) and merges their results.
	Zlint ZlintRunner
	// Now is the time a certificate request is taken to be issued at (the
	// lints' effective dates read it); nil is time.Now.
	Now func() time.Time
}

// Checker runs the selected lints. It is safe for concurrent use: lints
// are pure and the checker holds no mutable state.
type Checker struct {
	cfg  Config
	opts xmpp.Options
	// chainOpts are the options for the CA certificates of a group: the
	// role is detected, whatever role the options force on the leaf.
	chainOpts xmpp.Options
	lints     []*xmpp.Info
	enc       *encoding // the JSON of the lints' detail-less results, shared by records
}

// New validates cfg and selects the lints.
func New(cfg Config) (*Checker, error) {
	opts, err := cfg.Options.Normalize()
	if err != nil {
		return nil, err
	}
	lints, err := Select(cfg)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(lints))
	for i, l := range lints {
		names[i] = l.Name
	}
	chainOpts := opts
	chainOpts.Role = xmpp.RoleAuto
	return &Checker{cfg: cfg, opts: opts, chainOpts: chainOpts, lints: lints, enc: newEncoding(names)}, nil
}

// Lints returns the selected lints, sorted by name.
func (ch *Checker) Lints() []*xmpp.Info { return ch.lints }

// Options returns the normalised options.
func (ch *Checker) Options() xmpp.Options { return ch.opts }

// Select applies a configuration's profile and filters to the registered
// xmpplint lints.
func Select(cfg Config) ([]*xmpp.Info, error) {
	profile := cfg.Profile
	if profile == "" {
		profile = xmpp.ProfileXMPP
	}
	known := false
	for _, p := range xmpp.Profiles {
		known = known || p.Name == profile
	}
	if !known {
		return nil, fmt.Errorf("unknown profile %q (known: %s)", profile, strings.Join(xmpp.ProfileNames(), ", "))
	}
	var re *regexp.Regexp
	if cfg.NameFilter != "" {
		var err error
		if re, err = regexp.Compile(cfg.NameFilter); err != nil {
			return nil, fmt.Errorf("name filter %q: %v", cfg.NameFilter, err)
		}
	}
	include, err := nameSet(cfg.IncludeNames)
	if err != nil {
		return nil, err
	}
	exclude, err := nameSet(cfg.ExcludeNames)
	if err != nil {
		return nil, err
	}
	inSrc := sourceSet(cfg.IncludeSources)
	exSrc := sourceSet(cfg.ExcludeSources)
	var out []*xmpp.Info
	for _, info := range xmpp.All() {
		switch {
		case len(include) > 0 && !include[info.Name]:
			continue
		case len(include) == 0 && !info.InProfile(profile):
			// An explicit include list overrides the profile.
			continue
		case exclude[info.Name]:
			continue
		case re != nil && !re.MatchString(info.Name):
			continue
		case len(inSrc) > 0 && !inSrc[info.Source]:
			continue
		case exSrc[info.Source]:
			continue
		}
		out = append(out, info)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

func nameSet(names []string) (map[string]bool, error) {
	set := map[string]bool{}
	var unknown []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" {
			continue
		}
		if _, ok := xmpp.Lookup(n); !ok {
			unknown = append(unknown, n)
			continue
		}
		set[n] = true
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown lint name(s): %s (see `xmpplint lints`)", strings.Join(unknown, ", "))
	}
	return set, nil
}

func sourceSet(srcs []lint.LintSource) map[lint.LintSource]bool {
	set := map[lint.LintSource]bool{}
	for _, s := range srcs {
		set[s] = true
	}
	return set
}
