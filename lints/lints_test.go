package lints_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

var namePattern = regexp.MustCompile(`^[enw]_xmpp_[a-z0-9_]+$`)

// allowed is the promise of each prefix (rules.md, Conventions).
var allowed = map[byte]map[lint.LintStatus]bool{
	'e': {lint.NA: true, lint.NE: true, lint.Pass: true, lint.Error: true},
	'w': {lint.NA: true, lint.NE: true, lint.Pass: true, lint.Warn: true},
	'n': {lint.NA: true, lint.NE: true, lint.Pass: true, lint.Notice: true},
}

func TestMetadataComplete(t *testing.T) {
	t.Parallel()
	all := xmpp.All()
	if len(all) == 0 {
		t.Fatal("no lint registered")
	}
	registered := map[string]bool{}
	for _, name := range lint.GlobalRegistry().Names() {
		registered[name] = true
	}
	for _, info := range all {
		if !namePattern.MatchString(info.Name) {
			t.Errorf("%s: name does not match %s", info.Name, namePattern)
		}
		if !registered[info.Name] {
			t.Errorf("%s: not in zlint's global registry", info.Name)
		}
		if info.Description == "" || info.Citation == "" || info.EffectiveDate.IsZero() {
			t.Errorf("%s: incomplete metadata", info.Name)
		}
		if _, ok := xmpp.LookupSource(info.Source); !ok {
			t.Errorf("%s: source %q is not in xmpp.Sources", info.Name, info.Source)
		}
		if strings.Contains(info.Name, "_strict_") != (info.Profile == xmpp.ProfileStrict) {
			t.Errorf("%s: strict in the name and profile %q disagree", info.Name, info.Profile)
		}
		if strings.Contains(info.Name, "_webpki_") != (info.Profile == xmpp.ProfileWebPKI) {
			t.Errorf("%s: webpki in the name and profile %q disagree", info.Name, info.Profile)
		}
	}
}

func TestProfilesRegistered(t *testing.T) {
	t.Parallel()
	for _, p := range xmpp.Profiles {
		prof, ok := lint.GetProfile(p.Name)
		if !ok {
			t.Errorf("profile %s not registered with zlint", p.Name)
			continue
		}
		want := 0
		for _, info := range xmpp.All() {
			if info.InProfile(p.Name) {
				want++
			}
		}
		if len(prof.LintNames) != want || want == 0 {
			t.Errorf("profile %s has %d lints, want %d", p.Name, len(prof.LintNames), want)
		}
	}
}

// TestTopicPackagesImported checks that every package under lints/ that
// holds lint files registers lints, which it does only when lints.go
// imports it.
func TestTopicPackagesImported(t *testing.T) {
	t.Parallel()
	registering := map[string]bool{}
	for _, info := range xmpp.All() {
		registering[reflect.TypeOf(info.New()).PkgPath()] = true
	}
	listed := map[string]bool{}
	for _, p := range lints.TopicPackages {
		listed[p] = true
	}
	dirs, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(d.Name(), "lint_*.go"))
		if len(files) == 0 {
			continue
		}
		pkg := "github.com/xmpplint/xmpplint/lints/" + d.Name()
		if !registering[pkg] {
			t.Errorf("%s has lint files but registers no lint: import it in lints.go", pkg)
		}
		if !listed[pkg] {
			t.Errorf("%s is missing from lints.TopicPackages", pkg)
		}
	}
}

// TestLintsOverCorpus runs every lint over every corpus case (and every
// role and scope) and checks: no Fatal, every status within the name's
// promise, and each lint has a declared expectation (asserted by the corpus tests) of
// firing, of passing and of NA.
func TestLintsOverCorpus(t *testing.T) {
	t.Parallel()
	type seen struct{ fire, pass, na bool }
	cover := map[string]*seen{}
	for _, info := range xmpp.All() {
		cover[info.Name] = &seen{}
	}
	for _, c := range corpus.Cases() {
		opts, err := c.Options()
		if err != nil {
			t.Fatal(err)
		}
		v := xmpptest.LoadView(t, c, opts)
		for _, info := range xmpp.All() {
			res := info.Run(v)
			if !allowed[info.Name[0]][res.Status] {
				t.Errorf("%s on %s returned %s (%s), outside its prefix's promise", info.Name, c.Name, res.Status, res.Details)
			}
			if _, declared := c.Expect[info.Name]; !declared {
				continue // coverage counts only asserted expectations
			}
			s := cover[info.Name]
			switch res.Status {
			case lint.NA:
				s.na = true
			case lint.Pass:
				s.pass = true
			case lint.Notice, lint.Warn, lint.Error:
				s.fire = true
			}
		}
	}
	for name, s := range cover {
		if !s.fire || !s.pass || !s.na {
			t.Errorf("%s: corpus coverage fire=%t pass=%t NA=%t; add cases", name, s.fire, s.pass, s.na)
		}
	}
}
