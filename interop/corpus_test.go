package interop_test

import (
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestEvaluateCorpus runs Evaluate over every corpus certificate, with the
// case's own options and with a domain added: every leaf gets a verdict
// with a one-line reason for every model and direction, and nothing panics.
func TestEvaluateCorpus(t *testing.T) {
	t.Parallel()
	for _, c := range corpus.Cases() {
		opts, err := c.Options()
		if err != nil {
			t.Fatal(err)
		}
		withDomain := opts
		withDomain.Domains = append([]string{"example.org"}, opts.Domains...)
		for _, o := range []xmpp.Options{opts, withDomain} {
			v := xmpptest.LoadView(t, c, o)
			vs := interop.Evaluate(v)
			if v.Role == xmpp.RoleCA {
				if len(vs) != 0 {
					t.Errorf("%s: CA certificate got verdicts", c.Name)
				}
				continue
			}
			for _, m := range interop.Models {
				for _, d := range interop.Directions {
					got, ok := vs.Get(m.Name, d)
					switch {
					case !ok:
						t.Errorf("%s: no verdict for %s %s", c.Name, m.Name, d)
					case got.Outcome != interop.Accept && got.Outcome != interop.Reject && got.Outcome != interop.Crash:
						t.Errorf("%s: %s %s outcome %q", c.Name, m.Name, d, got.Outcome)
					case got.Reason == "" || strings.ContainsAny(got.Reason, "\n\r"):
						t.Errorf("%s: %s %s reason %q", c.Name, m.Name, d, got.Reason)
					}
				}
			}
		}
	}
}
