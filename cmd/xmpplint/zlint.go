package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// zlintRunner runs zlint's own lints (everything in zlint's global registry
// that is not an xmpplint lint), for --with-zlint.
type zlintRunner struct {
	registry lint.Registry
}

// zlintFilter is the part of the selection flags that applies to zlint's
// own lints.
type zlintFilter struct {
	// none: the user's include lists name only xmpplint lints or
	// sources, so none of zlint's run.
	none                           bool
	includeNames, excludeNames     []string
	includeSources, excludeSources lint.SourceList
	nameFilter                     *regexp.Regexp
}

// newZlintRunner builds the registry of zlint's own lints that f keeps,
// configured by cfg: for the lints that read a configuration, a zero
// lint.Configuration is a nil TOML tree they panic on, so callers pass
// lint.NewEmptyConfig() when there is no file, as zlint's CLI does.
func newZlintRunner(cfg lint.Configuration, f zlintFilter) (check.ZlintRunner, error) {
	if f.none {
		return nil, nil
	}
	var ours lint.SourceList
	for _, s := range xmpp.Sources {
		ours = append(ours, s.Source)
	}
	// zlint's Filter takes a name filter or name lists, not both: one pass
	// for each.
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{ExcludeSources: ours})
	if err == nil {
		reg, err = reg.Filter(lint.FilterOptions{IncludeNames: f.includeNames, ExcludeNames: f.excludeNames,
			IncludeSources: f.includeSources, ExcludeSources: f.excludeSources})
	}
	if err == nil && f.nameFilter != nil {
		reg, err = reg.Filter(lint.FilterOptions{NameFilter: f.nameFilter})
	}
	if err != nil {
		return nil, err
	}
	reg.SetConfiguration(cfg)
	return &zlintRunner{registry: reg}, nil
}

func (z *zlintRunner) Lint(c *x509.Certificate) check.Results {
	rs := zlint.LintCertificateEx(c, z.registry)
	out := make(check.Results, 0, len(rs.Results))
	for name, r := range rs.Results {
		out = append(out, check.NamedResult{Name: name, Result: check.Result{Status: r.Status, Details: r.Details}})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// zlintSourcesOf maps xmpplint's sources to the zlint sources of the same
// body, which --include-sources and --exclude-sources also select among
// zlint's lints: rfc takes in zlint's RFC5280, RFC5480..., cabf its
// CABF_BR, CABF_EV... (a source ending in _ or a digit-less prefix matches
// by prefix).
var zlintSourcesOf = map[lint.LintSource][]string{
	xmpp.SourceRFC:    {"RFC"},
	xmpp.SourceCABF:   {"CABF_"},
	xmpp.SourceChrome: {"Chrome"},
}

// zlintSources returns zlint's own sources (those of its lints, not
// xmpplint's), sorted.
func zlintSources() []lint.LintSource {
	var out []lint.LintSource
	for _, s := range lint.GlobalRegistry().Sources() {
		if _, ours := xmpp.LookupSource(s); !ours {
			out = append(out, s)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// isZlintLint reports a lint of zlint's own registry.
func isZlintLint(name string) bool {
	if _, ours := xmpp.Lookup(name); ours {
		return false
	}
	return lint.GlobalRegistry().CertificateLints().ByName(name) != nil
}

// selection is what the lint-selection flags choose, for xmpplint's lints
// and zlint's.
type selection struct {
	includeOurs, excludeOurs []string
	includeSrc, excludeSrc   []lint.LintSource
	// noneOfOurs: the include lists name only zlint lints or sources.
	noneOfOurs bool
	zlint      zlintFilter
}

// selection splits --include-names, --exclude-names and the source flags
// between xmpplint's lints and, with --with-zlint, zlint's. A name or
// source neither knows is an error naming the nearest known one.
func (f *lintFlags) selection() (selection, error) {
	var s selection
	split := func(flag string, names []string) (ours, theirs []string, err error) {
		for _, n := range names {
			switch {
			case isOurs(n):
				ours = append(ours, n)
			case f.withZlint && isZlintLint(n):
				theirs = append(theirs, n)
			case isZlintLint(n):
				return nil, nil, fmt.Errorf("--%s %s: a lint of zlint's own: add --with-zlint", flag, n)
			default:
				return nil, nil, fmt.Errorf("--%s: unknown lint %q%s (see xmpplint lints)", flag, n, didYouMean(n, f.lintNames()))
			}
		}
		return ours, theirs, nil
	}
	var err error
	var zinc []string
	if s.includeOurs, zinc, err = split("include-names", f.includeNames); err != nil {
		return s, err
	}
	if s.excludeOurs, s.zlint.excludeNames, err = split("exclude-names", f.excludeNames); err != nil {
		return s, err
	}
	if len(f.includeNames) > 0 {
		s.noneOfOurs = len(s.includeOurs) == 0
		s.zlint.none = len(zinc) == 0
		s.zlint.includeNames = zinc
	}
	var zsrc []lint.LintSource
	if s.includeSrc, zsrc, err = f.splitSources("include-sources", f.includeSources); err != nil {
		return s, err
	}
	if s.excludeSrc, s.zlint.excludeSources, err = f.splitSources("exclude-sources", f.excludeSources); err != nil {
		return s, err
	}
	if strings.TrimSpace(strings.ReplaceAll(f.includeSources, ",", "")) != "" {
		s.noneOfOurs = s.noneOfOurs || len(s.includeSrc) == 0
		s.zlint.none = s.zlint.none || len(zsrc) == 0
		s.zlint.includeSources = zsrc
	}
	if f.nameFilter != "" {
		re, err := regexp.Compile(f.nameFilter)
		if err != nil {
			return s, fmt.Errorf("--name-filter %q: %v", f.nameFilter, err)
		}
		s.zlint.nameFilter = re
	}
	return s, nil
}

func isOurs(name string) bool {
	_, ok := xmpp.Lookup(name)
	return ok
}

// splitSources parses a source list into xmpplint's sources and zlint's
// (those xmpplint's names map to, and zlint's own names with --with-zlint).
func (f *lintFlags) splitSources(flag, list string) (ours []lint.LintSource, theirs lint.SourceList, err error) {
	zs := zlintSources()
	for _, raw := range strings.Split(list, ",") {
		name := strings.TrimSpace(raw)
		if name == "" {
			continue
		}
		if got, err := xmpp.ParseSources(name); err == nil {
			ours = append(ours, got...)
			for _, z := range zs {
				for _, prefix := range zlintSourcesOf[got[0]] {
					if strings.HasPrefix(string(z), prefix) {
						theirs = append(theirs, z)
					}
				}
			}
			continue
		}
		found := false
		for _, z := range zs {
			if strings.EqualFold(name, string(z)) {
				if !f.withZlint {
					return nil, nil, fmt.Errorf("--%s %s: a source of zlint's own lints: add --with-zlint", flag, name)
				}
				theirs = append(theirs, z)
				found = true
			}
		}
		if !found {
			known := xmpp.SourceNames()
			if f.withZlint {
				for _, z := range zs {
					known = append(known, string(z))
				}
			}
			return nil, nil, fmt.Errorf("--%s: unknown lint source %q%s (known: %s)", flag, name, didYouMean(name, known), strings.Join(known, ", "))
		}
	}
	return ours, theirs, nil
}

// lintNames are the names --include-names takes: xmpplint's, and zlint's
// with --with-zlint.
func (f *lintFlags) lintNames() []string {
	var names []string
	for _, info := range xmpp.All() {
		names = append(names, info.Name)
	}
	if f.withZlint {
		for _, n := range lint.GlobalRegistry().Names() {
			if isZlintLint(n) {
				names = append(names, n)
			}
		}
	}
	return names
}

// didYouMean is "; did you mean X?" for the nearest candidate, or "".
func didYouMean(s string, candidates []string) string {
	if near := nearest(s, candidates); near != "" {
		return fmt.Sprintf("; did you mean %s?", near)
	}
	return ""
}
