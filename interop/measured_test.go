package interop_test

import (
	"crypto/x509"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
)

// TestMeasured checks the models against the table measured on real
// servers (rules.md K, last paragraph): Prosody 0.12.3 and ejabberd 23.01,
// certificate-only s2s, the receiver's verdict on the initiator's
// certificate, which is the s2s-in verdict. Each row is a CA-signed server
// certificate for example.org built from the corpus server template.
func TestMeasured(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		change   func(t *corpus.Template)
		prosody  interop.Outcome
		ejabberd interop.Outcome
		// ejabberdReason is a fragment the ejabberd-legacy reason must hold.
		ejabberdReason string
	}{
		{"server-auth-only", func(t *corpus.Template) { t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth} },
			interop.Accept, interop.Reject, "lacks clientAuth: OpenSSL sslclient purpose"},
		{"server-and-client-auth", nil, interop.Accept, interop.Accept, ""},
		{"client-auth-only", func(t *corpus.Template) { t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth} },
			interop.Reject, interop.Accept, ""},
		{"no-eku", func(t *corpus.Template) { t.X509.ExtKeyUsage = nil }, interop.Accept, interop.Accept, ""},
		{"srvid-only", func(t *corpus.Template) { t.SANs = []corpus.GeneralName{corpus.SRV("_xmpp-server.example.org")} },
			interop.Accept, interop.Reject, "no SRV-ID support"},
		{"xmppaddr-only", func(t *corpus.Template) { t.SANs = []corpus.GeneralName{corpus.Xmpp("example.org")} },
			interop.Reject, interop.Crash, "crashes"},
		{"cn-only", func(t *corpus.Template) { t.SANs = nil; t.X509.Subject.CommonName = "example.org" },
			interop.Accept, interop.Accept, ""},
		{"dnsid-and-xmppaddr", func(t *corpus.Template) {
			t.SANs = []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("example.org")}
		}, interop.Accept, interop.Crash, "crashes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v, _ := xmpptest.Cert(t, corpus.Case{Name: "measured-" + tc.name, Base: corpus.ServerBase, Change: tc.change, Domains: []string{"example.org"}})
			vs := interop.Evaluate(v)
			p, _ := vs.Get("prosody-0.12", interop.S2SIn)
			e, _ := vs.Get("ejabberd-legacy", interop.S2SIn)
			if p.Outcome != tc.prosody {
				t.Errorf("prosody-0.12 s2s-in = %s (%s), measured %s", p.Outcome, p.Reason, tc.prosody)
			}
			if e.Outcome != tc.ejabberd {
				t.Errorf("ejabberd-legacy s2s-in = %s (%s), measured %s", e.Outcome, e.Reason, tc.ejabberd)
			}
			if !strings.Contains(e.Reason, tc.ejabberdReason) {
				t.Errorf("ejabberd-legacy reason %q lacks %q", e.Reason, tc.ejabberdReason)
			}
			for _, m := range vs {
				for _, dv := range m.Directions {
					if dv.Reason == "" || strings.Contains(dv.Reason, "\n") {
						t.Errorf("%s %s: reason %q is not one line", m.Model, dv.Direction, dv.Reason)
					}
				}
			}
		})
	}
}

// TestVerdictsShape checks the order and JSON form of Evaluate's result.
func TestVerdictsShape(t *testing.T) {
	t.Parallel()
	v, _ := xmpptest.Cert(t, corpus.Case{Name: "shape", Base: corpus.ServerBase, Domains: []string{"example.org"}})
	vs := interop.Evaluate(v)
	if len(vs) != len(interop.Models) {
		t.Fatalf("%d models, want %d", len(vs), len(interop.Models))
	}
	for i, m := range interop.Models {
		if vs[i].Model != m.Name || len(vs[i].Directions) != len(interop.Directions) {
			t.Errorf("row %d = %s with %d directions", i, vs[i].Model, len(vs[i].Directions))
		}
		if m.Source == "" || m.Identity.Source == "" {
			t.Errorf("%s: no source cited", m.Name)
		}
	}
	data, err := json.Marshal(vs)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(data), `{"prosody-0.12":{"s2s-in":{"verdict":"accept","reason":"sslserver purpose passes; DNS-ID \"example.org\" matches \"example.org\""}`) {
		t.Errorf("JSON = %s", data)
	}
	var back interop.Verdicts
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.Marshal(back)
	if string(again) != string(data) {
		t.Errorf("round trip changed the JSON:\n%s\n%s", data, again)
	}
	var generic map[string]map[string]map[string]string
	if err := json.Unmarshal(data, &generic); err != nil || generic["ejabberd"]["c2s"]["verdict"] != "accept" {
		t.Errorf("generic decode: %v %v", generic, err)
	}
	// A CA certificate gets no verdicts.
	ca, _ := xmpptest.Cert(t, corpus.Case{Name: "shape-ca", Base: corpus.CABase})
	if got := interop.Evaluate(ca); len(got) != 0 {
		t.Errorf("CA certificate got verdicts %v", got)
	}
	if data, _ := json.Marshal(interop.Evaluate(ca)); string(data) != "{}" {
		t.Errorf("empty verdicts marshal to %s", data)
	}
}
