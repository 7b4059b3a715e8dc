package main

import (
	"sort"

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

func newZlintRunner(cfg lint.Configuration) (*zlintRunner, error) {
	var ours []string
	for _, info := range xmpp.All() {
		ours = append(ours, info.Name)
	}
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{ExcludeNames: ours})
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
