package corpus_test

import (
	"bytes"
	"testing"

	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestCorpusUpToDate rebuilds every case and compares it byte for byte with
// the committed file: a stale or hand-edited PEM fails here.
func TestCorpusUpToDate(t *testing.T) {
	t.Parallel()
	root, err := corpus.RenderRoot()
	if err != nil {
		t.Fatal(err)
	}
	if got, err := corpus.File("root"); err != nil || !bytes.Equal(got, root) {
		t.Errorf("certs/root.pem is stale or missing (%v): run go generate ./corpus", err)
	}
	seen := map[string]bool{}
	for _, c := range corpus.Cases() {
		if seen[c.Name] {
			t.Errorf("duplicate case name %s", c.Name)
		}
		seen[c.Name] = true
		want, err := c.Render()
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		got, err := corpus.File(c.Name)
		if err != nil {
			t.Errorf("%s: %v: run go generate ./corpus", c.Name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("certs/%s.pem differs from its case: run go generate ./corpus", c.Name)
		}
	}
}

func xmppNames() []string {
	var names []string
	for _, info := range xmpp.All() {
		names = append(names, info.Name)
	}
	return names
}

// TestCasesThroughZlint runs every case through zlint's global registry,
// configured by zlint's TOML configuration, and checks each expectation of
// the lints that do not need the presented chain (zlint lints one
// certificate at a time).
func TestCasesThroughZlint(t *testing.T) {
	t.Parallel()
	base, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: xmppNames()})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range corpus.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			leaf, _ := xmpptest.Load(t, c)
			opts, err := c.Options()
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := opts.Configuration()
			if err != nil {
				t.Fatal(err)
			}
			reg, err := base.Filter(lint.FilterOptions{IncludeNames: xmppNames()})
			if err != nil {
				t.Fatal(err)
			}
			reg.SetConfiguration(cfg)
			rs := zlint.LintCertificateEx(leaf, reg)
			for name, want := range c.Expect {
				info, ok := xmpp.Lookup(name)
				if !ok {
					t.Errorf("expectation for unknown lint %s", name)
					continue
				}
				if info.Needs == xmpp.NeedsChain && len(c.Chain) > 0 {
					continue // zlint cannot see the chain
				}
				got, ok := rs.Results[name]
				if !ok {
					t.Errorf("%s: no result from zlint", name)
					continue
				}
				if got.Status != want {
					t.Errorf("%s = %s (%s), want %s", name, got.Status, got.Details, want)
				}
			}
		})
	}
}

// TestCasesThroughEngine runs every case the way xmpplint's own engine does
// (one decoded view, the presented chain attached) and checks each
// expectation; it also checks that every non-pass result has Details.
func TestCasesThroughEngine(t *testing.T) {
	t.Parallel()
	for _, c := range corpus.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			leaf, chain := xmpptest.Load(t, c)
			opts, err := c.Options()
			if err != nil {
				t.Fatal(err)
			}
			v := xmpp.NewCert(leaf, opts)
			v.Chain = chain
			for _, info := range xmpp.All() {
				res := info.Run(v)
				if res.Status > lint.Pass && res.Details == "" {
					t.Errorf("%s returned %s without Details", info.Name, res.Status)
				}
				if want, ok := c.Expect[info.Name]; ok && res.Status != want {
					t.Errorf("%s = %s (%s), want %s", info.Name, res.Status, res.Details, want)
				}
			}
		})
	}
}

// TestBaseCasesClean checks that the base templates are clean: no lint of
// the xmpp profile finds anything on them.
func TestBaseCasesClean(t *testing.T) {
	t.Parallel()
	for _, c := range corpus.Cases() {
		if c.Name != "server-base" && c.Name != "client-base" {
			continue
		}
		leaf, chain := xmpptest.Load(t, c)
		opts, _ := c.Options()
		v := xmpp.NewCert(leaf, opts)
		v.Chain = chain
		for _, info := range xmpp.All() {
			if !info.InProfile(xmpp.ProfileXMPP) {
				continue
			}
			if res := info.Run(v); res.Status > lint.Pass {
				t.Errorf("%s: %s = %s (%s)", c.Name, info.Name, res.Status, res.Details)
			}
		}
	}
}
