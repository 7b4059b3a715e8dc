package identity_test

import (
	"crypto/x509/pkix"
	"encoding/asn1"
	"reflect"
	"testing"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

var oidCN = asn1.ObjectIdentifier{2, 5, 4, 3}

// server builds a CA-signed server certificate with exactly these SANs and
// subject CNs.
func server(tb testing.TB, sans []corpus.GeneralName, cns ...string) *xmpp.Cert {
	tb.Helper()
	v, _ := xmpptest.Cert(tb, corpus.Case{
		Name: "identity-test",
		Base: corpus.ServerBase,
		Change: func(t *corpus.Template) {
			t.SANs = sans
			for _, cn := range cns {
				t.X509.Subject.ExtraNames = append(t.X509.Subject.ExtraNames, pkix.AttributeTypeAndValue{Type: oidCN, Value: cn})
			}
		},
	})
	return v
}

func methods(r identity.Result) []identity.Method {
	var out []identity.Method
	for _, m := range r.Matches {
		out = append(out, m.Method)
	}
	return out
}

const (
	dns  = identity.MethodDNSID
	wild = identity.MethodDNSIDWildcard
	srv  = identity.MethodSRVID
	xa   = identity.MethodXmppAddr
	cn   = identity.MethodCN
)

func ms(m ...identity.Method) []identity.Method { return m }

// matchWant are the expected match methods per rules.
type matchWant struct {
	rfc, p12, p13, ej, ossl []identity.Method
}

func same(m ...identity.Method) matchWant { return matchWant{m, m, m, m, m} }

// matchCase is one row of the identity table.
type matchCase struct {
	name    string
	sans    []corpus.GeneralName
	cns     []string
	domain  string
	service string
	targets []string
	want    matchWant
	// RFC 9525 side results.
	wrongForm, wildcardParent, otherService, srvTargets, missed int
}

// matchTable is the table of identity matching: IDN forms, case, trailing
// dots, wildcards in every position, SRV-ID service case, CN handling, for
// RFC 9525 and each verifier's rules. The real-code tests run it through
// Prosody's and ejabberd's own code too.
var matchTable = []matchCase{
	{name: "dns-exact", sans: []corpus.GeneralName{corpus.DNS("example.org")}, domain: "example.org", want: same(dns)},
	{name: "dns-upper-case", sans: []corpus.GeneralName{corpus.DNS("EXAMPLE.ORG")}, domain: "example.org",
		want: matchWant{ms(dns), ms(dns), ms(dns), nil, ms(dns)}},
	{name: "domain-upper-case-trailing-dot", sans: []corpus.GeneralName{corpus.DNS("example.org")}, domain: "Example.ORG.", want: same(dns)},
	{name: "dns-trailing-dot", sans: []corpus.GeneralName{corpus.DNS("example.org.")}, domain: "example.org",
		want: matchWant{ms(dns), nil, nil, nil, nil}},
	{name: "wildcard-child", sans: []corpus.GeneralName{corpus.DNS("*.example.org")}, domain: "chat.example.org", want: same(wild)},
	{name: "wildcard-upper-case", sans: []corpus.GeneralName{corpus.DNS("*.EXAMPLE.org")}, domain: "chat.example.org",
		want: matchWant{ms(wild), ms(wild), ms(wild), nil, ms(wild)}},
	{name: "wildcard-parent", sans: []corpus.GeneralName{corpus.DNS("*.example.org")}, domain: "example.org", want: same(), wildcardParent: 1},
	{name: "wildcard-two-labels", sans: []corpus.GeneralName{corpus.DNS("*.example.org")}, domain: "a.b.example.org", want: same()},
	{name: "wildcard-not-left-most", sans: []corpus.GeneralName{corpus.DNS("chat.*.example.org")}, domain: "chat.x.example.org", want: same()},
	{name: "wildcard-last-label", sans: []corpus.GeneralName{corpus.DNS("example.*")}, domain: "example.org", want: same()},
	{name: "wildcard-partial-label", sans: []corpus.GeneralName{corpus.DNS("c*.example.org")}, domain: "chat.example.org",
		want: matchWant{nil, nil, nil, nil, ms(wild)}},
	{name: "wildcard-partial-label-suffix", sans: []corpus.GeneralName{corpus.DNS("*t.example.org")}, domain: "chat.example.org",
		want: matchWant{nil, nil, nil, nil, ms(wild)}},
	{name: "wildcard-partial-label-a-label", sans: []corpus.GeneralName{corpus.DNS("x*.example.org")}, domain: "xn--bcher-kva.example.org", want: same()},
	{name: "wildcard-double", sans: []corpus.GeneralName{corpus.DNS("*.*.example.org")}, domain: "a.b.example.org", want: same()},
	{name: "wildcard-alone", sans: []corpus.GeneralName{corpus.DNS("*")}, domain: "example.org", want: same()},
	{name: "wildcard-under-tld", sans: []corpus.GeneralName{corpus.DNS("*.org")}, domain: "example.org",
		want: matchWant{ms(wild), ms(wild), ms(wild), ms(wild), nil}},
	{name: "wildcard-single-label-domain", sans: []corpus.GeneralName{corpus.DNS("*.localhost")}, domain: "localhost",
		want: matchWant{nil, ms(wild), ms(wild), nil, nil}, wildcardParent: 1},
	{name: "wildcard-over-a-label", sans: []corpus.GeneralName{corpus.DNS("*.example.org")}, domain: "bücher.example.org", want: same(wild)},
	{name: "idn-a-label-dnsid-u-label-domain", sans: []corpus.GeneralName{corpus.DNS("xn--bcher-kva.example")}, domain: "bücher.example", want: same(dns)},
	{name: "idn-a-label-dnsid-upper-a-label-domain", sans: []corpus.GeneralName{corpus.DNS("xn--bcher-kva.example")}, domain: "XN--BCHER-KVA.Example.", want: same(dns)},
	{name: "idn-upper-u-label-domain", sans: []corpus.GeneralName{corpus.DNS("xn--bcher-kva.example")}, domain: "BÜCHER.example", want: same(dns)},
	{name: "idn-u-label-dnsid", sans: []corpus.GeneralName{corpus.DNS("bücher.example")}, domain: "xn--bcher-kva.example", want: same(), wrongForm: 1},
	{name: "idn-u-label-wildcard-dnsid", sans: []corpus.GeneralName{corpus.DNS("*.bücher.example")}, domain: "chat.bücher.example", want: same(), wrongForm: 1},
	{name: "idn-wildcard-a-label", sans: []corpus.GeneralName{corpus.DNS("*.xn--bcher-kva.example")}, domain: "chat.bücher.example", want: same(wild)},
	{name: "xmppaddr-u-label", sans: []corpus.GeneralName{corpus.Xmpp("bücher.example")}, domain: "xn--bcher-kva.example",
		want: matchWant{ms(xa), nil, nil, nil, nil}},
	{name: "xmppaddr-c2s", sans: []corpus.GeneralName{corpus.Xmpp("bücher.example")}, domain: "BÜCHER.example", service: "xmpp-client",
		want: matchWant{ms(xa), ms(xa), ms(xa), nil, nil}},
	{name: "xmppaddr-a-label", sans: []corpus.GeneralName{corpus.Xmpp("xn--bcher-kva.example")}, domain: "bücher.example", want: same(), wrongForm: 1},
	{name: "xmppaddr-upper-case", sans: []corpus.GeneralName{corpus.Xmpp("Example.ORG")}, domain: "example.org", service: "_XMPP-Client",
		want: matchWant{ms(xa), ms(xa), ms(xa), nil, nil}},
	{name: "xmppaddr-trailing-dot", sans: []corpus.GeneralName{corpus.Xmpp("example.org.")}, domain: "example.org", service: "xmpp-client",
		want: matchWant{ms(xa), nil, nil, nil, nil}},
	{name: "xmppaddr-user-jid", sans: []corpus.GeneralName{corpus.Xmpp("juliet@example.org")}, domain: "example.org", want: same()},
	{name: "xmppaddr-ia5string", sans: []corpus.GeneralName{corpus.XmppTagged(corpus.IA5String, "example.org")}, domain: "example.org", service: "xmpp-client",
		want: matchWant{nil, ms(xa), ms(xa), nil, nil}},
	{name: "srvid", sans: []corpus.GeneralName{corpus.SRV("_xmpp-server.example.org")}, domain: "example.org",
		want: matchWant{ms(srv), ms(srv), ms(srv), nil, nil}},
	{name: "srvid-service-upper-case", sans: []corpus.GeneralName{corpus.SRV("_XMPP-Server.example.org")}, domain: "example.org",
		want: matchWant{ms(srv), nil, nil, nil, nil}},
	{name: "srvid-name-upper-case", sans: []corpus.GeneralName{corpus.SRV("_xmpp-server.EXAMPLE.org")}, domain: "example.org",
		want: matchWant{ms(srv), ms(srv), ms(srv), nil, nil}},
	{name: "srvid-other-service", sans: []corpus.GeneralName{corpus.SRV("_xmpp-client.example.org")}, domain: "example.org", want: same(), otherService: 1},
	{name: "srvid-client-service", sans: []corpus.GeneralName{corpus.SRV("_xmpp-client.example.org")}, domain: "example.org", service: "xmpp-client",
		want: matchWant{ms(srv), ms(srv), ms(srv), nil, nil}},
	{name: "srvid-wildcard", sans: []corpus.GeneralName{corpus.SRV("_xmpp-server.*.example.org")}, domain: "chat.example.org",
		want: matchWant{ms(srv), ms(srv), ms(srv), nil, nil}},
	{name: "srvid-wildcard-parent", sans: []corpus.GeneralName{corpus.SRV("_xmpp-server.*.example.org")}, domain: "example.org", want: same(), wildcardParent: 1},
	{name: "srvid-u-label", sans: []corpus.GeneralName{corpus.SRV("_xmpp-server.bücher.example")}, domain: "bücher.example", want: same(), wrongForm: 1},
	{name: "srvid-printable-string", sans: []corpus.GeneralName{corpus.SRVTagged(corpus.PrintableString, "_xmpp-server.example.org")}, domain: "example.org",
		want: matchWant{nil, ms(srv), ms(srv), nil, nil}},
	{name: "cn-only", cns: []string{"example.org"}, domain: "example.org",
		want: matchWant{nil, ms(cn), nil, ms(cn), ms(cn)}, missed: 1},
	{name: "cn-upper-case", cns: []string{"EXAMPLE.ORG"}, domain: "example.org",
		want: matchWant{nil, ms(cn), nil, ms(cn), ms(cn)}, missed: 1},
	{name: "cn-with-srvid", sans: []corpus.GeneralName{corpus.SRV("_xmpp-client.example.org")}, cns: []string{"example.org"}, domain: "example.org",
		want: matchWant{nil, nil, nil, ms(cn), ms(cn)}, missed: 1, otherService: 1},
	{name: "cn-with-other-dnsid", sans: []corpus.GeneralName{corpus.DNS("other.example")}, cns: []string{"example.org"}, domain: "example.org",
		want: matchWant{nil, nil, nil, ms(cn), nil}, missed: 1},
	{name: "cn-second", cns: []string{"other.example", "example.org"}, domain: "example.org",
		want: matchWant{nil, nil, nil, nil, ms(cn)}, missed: 1},
	{name: "cn-wildcard", cns: []string{"*.example.org"}, domain: "chat.example.org",
		want: matchWant{nil, ms(cn), nil, ms(cn), ms(cn)}, missed: 1},
	{name: "cn-u-label", cns: []string{"bücher.example"}, domain: "bücher.example", want: same()},
	{name: "cn-user-jid", cns: []string{"admin@example.org"}, domain: "example.org", want: same()},
	{name: "srv-target-only", sans: []corpus.GeneralName{corpus.DNS("xmpp.hosting.example")}, domain: "example.org",
		targets: []string{"xmpp.hosting.example."}, want: same(), srvTargets: 1},
	{name: "srv-target-and-domain", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.DNS("xmpp.hosting.example")}, domain: "example.org",
		targets: []string{"xmpp.hosting.example"}, want: same(dns), srvTargets: 1},
}

// TestMatch runs the identity table.
func TestMatch(t *testing.T) {
	t.Parallel()
	rules := []struct {
		rules identity.Rules
		get   func(w matchWant) []identity.Method
	}{
		{identity.RFC9525, func(w matchWant) []identity.Method { return w.rfc }},
		{identity.Prosody012, func(w matchWant) []identity.Method { return w.p12 }},
		{identity.Prosody13, func(w matchWant) []identity.Method { return w.p13 }},
		{identity.Ejabberd, func(w matchWant) []identity.Method { return w.ej }},
		{identity.OpenSSL, func(w matchWant) []identity.Method { return w.ossl }},
	}
	for _, tc := range matchTable {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := server(t, tc.sans, tc.cns...)
			q := identity.Query{Domain: tc.domain, Service: tc.service, SRVTargets: tc.targets}
			for _, r := range rules {
				res, err := identity.Match(v, q, r.rules)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := methods(res), r.get(tc.want); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: matches %v, want %v (missed %v)", r.rules.Name, res.Matches, want, res.Missed)
				}
			}
			res, _ := identity.Match(v, q, identity.RFC9525)
			if len(res.WrongForm) != tc.wrongForm || len(res.WildcardParent) != tc.wildcardParent ||
				len(res.OtherService) != tc.otherService || len(res.Targets) != tc.srvTargets || len(res.Missed) != tc.missed {
				t.Errorf("rfc9525: wrong form %v, wildcard parent %v, other service %v, targets %v, missed %v; want %d %d %d %d %d",
					res.WrongForm, res.WildcardParent, res.OtherService, res.Targets, res.Missed,
					tc.wrongForm, tc.wildcardParent, tc.otherService, tc.srvTargets, tc.missed)
			}
		})
	}
}

func TestParseDomain(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, a, u string }{
		{"example.org", "example.org", "example.org"},
		{"Example.ORG.", "example.org", "example.org"},
		{"bücher.example", "xn--bcher-kva.example", "bücher.example"},
		{"BÜCHER.Example.", "xn--bcher-kva.example", "bücher.example"},
		{"XN--BCHER-KVA.example", "xn--bcher-kva.example", "bücher.example"},
	} {
		d, err := identity.ParseDomain(tc.in)
		if err != nil || d.ALabel != tc.a || d.ULabel != tc.u {
			t.Errorf("ParseDomain(%q) = %+v, %v; want %s / %s", tc.in, d, err, tc.a, tc.u)
		}
	}
	for _, bad := range []string{"", ".", "*.example.org", "juliet@example.org", "example.org/r", "a..b", "xn--zz.example"} {
		if d, err := identity.ParseDomain(bad); err == nil {
			t.Errorf("ParseDomain(%q) = %+v, want an error", bad, d)
		}
	}
}

func TestCrash(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name  string
		sans  []corpus.GeneralName
		crash bool
	}{
		{"bare-domain", []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("example.org")}, true},
		{"user-jid", []corpus.GeneralName{corpus.Xmpp("juliet@example.org")}, false},
		{"ia5string", []corpus.GeneralName{corpus.XmppTagged(corpus.IA5String, "example.org")}, false},
		{"invalid-jid", []corpus.GeneralName{corpus.Xmpp("exa mple.org")}, false},
		{"none", []corpus.GeneralName{corpus.DNS("example.org")}, false},
	} {
		v := server(t, tc.sans)
		if _, got := identity.Crash(v, identity.Ejabberd); got != tc.crash {
			t.Errorf("%s: ejabberd crash = %t, want %t", tc.name, got, tc.crash)
		}
		for _, r := range []identity.Rules{identity.RFC9525, identity.Prosody012, identity.OpenSSL} {
			if _, got := identity.Crash(v, r); got {
				t.Errorf("%s: %s crashes", tc.name, r.Name)
			}
		}
	}
}
