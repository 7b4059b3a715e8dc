package check_test

import (
	"encoding/pem"
	"testing"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestLintOptions: a lint's own options win for that lint, field by
// field; the other lints, and the fields it does not set, keep Options.
func TestLintOptions(t *testing.T) {
	data, err := corpus.File("eku-server-auth-only")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := pem.Decode(data)
	const (
		identity = "e_xmpp_no_identity_for_domain"
		eku      = "w_xmpp_s2s_eku_missing_client_auth"
	)
	run := func(own map[string]xmpp.Options) map[string]string {
		t.Helper()
		ch, err := check.New(check.Config{Options: xmpp.Options{Domains: []string{"example.org"}}, LintOptions: own})
		if err != nil {
			t.Fatal(err)
		}
		rec := ch.CheckOne(check.Cert{Input: "leaf", DER: b.Bytes})
		out := map[string]string{}
		for _, name := range []string{identity, eku} {
			res, _ := rec.Results.Get(name)
			out[name] = res.Status.String()
		}
		return out
	}
	base := run(nil)
	if base[identity] != "pass" || base[eku] != "warn" {
		t.Fatalf("without lint options: %v", base)
	}
	got := run(map[string]xmpp.Options{identity: {Domains: []string{"other.example"}}, eku: {Scope: xmpp.ScopeC2S}})
	if got[identity] != "error" || got[eku] != "NA" {
		t.Errorf("with lint options: %v", got)
	}
	// Scope alone keeps the run's domain for the identity lint.
	if got := run(map[string]xmpp.Options{identity: {Scope: xmpp.ScopeS2S}}); got[identity] != "pass" {
		t.Errorf("scope only: %v", got)
	}
	if _, err := check.New(check.Config{LintOptions: map[string]xmpp.Options{"w_xmpp_nope": {}}}); err == nil {
		t.Errorf("options for an unknown lint: no error")
	}
	if _, err := check.New(check.Config{LintOptions: map[string]xmpp.Options{eku: {Scope: "c3s"}}}); err == nil {
		t.Errorf("a bad scope in a lint's options: no error")
	}
}
