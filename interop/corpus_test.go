package interop_test

import (
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
	_ "github.com/xmpplint/xmpplint/lints/xmppaddr"
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

// TestEjabberdCrashLintAgrees: one question, one answer. On every corpus
// server certificate, deployed for s2s, w_xmpp_server_xmppaddr_breaks_ejabberd
// warns exactly when an ejabberd model's s2s verdict is crash, self-signed
// certificates included (verdicts assume the verifier trusts them), and
// every verdict on a self-signed certificate says it rests on that trust.
func TestEjabberdCrashLintAgrees(t *testing.T) {
	t.Parallel()
	info, ok := xmpp.Lookup("w_xmpp_server_xmppaddr_breaks_ejabberd")
	if !ok {
		t.Fatal("lint not registered")
	}
	l := info.New()
	selfSigned := 0
	for _, c := range corpus.Cases() {
		opts, err := c.Options()
		if err != nil {
			t.Fatal(err)
		}
		v := xmpptest.LoadView(t, c, opts)
		if v.Role != xmpp.RoleServer || v.Opts.Scope == xmpp.ScopeC2S {
			continue
		}
		warns := l.Applies(v) && l.Check(v).Status == lint.Warn
		crashes := false
		vs := interop.Evaluate(v)
		for _, m := range interop.Models {
			for _, d := range []interop.Direction{interop.S2SIn, interop.S2SOut} {
				got, _ := vs.Get(m.Name, d)
				if got.Outcome == interop.Crash {
					crashes = true
					if !strings.Contains(m.Name, "ejabberd") {
						t.Errorf("%s: %s crashes", c.Name, m.Name)
					}
				}
				if xmpp.SelfIssued(v.X) && !strings.HasSuffix(got.Reason, "; assumes the verifier trusts this self-signed certificate") {
					t.Errorf("%s: %s %s: reason %q does not say it assumes trust", c.Name, m.Name, d, got.Reason)
				}
			}
		}
		if warns != crashes {
			t.Errorf("%s: lint warns %v, ejabberd s2s verdict crash %v", c.Name, warns, crashes)
		}
		if warns && xmpp.SelfIssued(v.X) {
			selfSigned++
			if d := l.Check(v).Details; !strings.Contains(d, "a peer that trusts it") {
				t.Errorf("%s: lint text %q does not say it rests on trust", c.Name, d)
			}
		}
	}
	if selfSigned == 0 {
		t.Fatal("no self-signed crash case in the corpus")
	}
}
