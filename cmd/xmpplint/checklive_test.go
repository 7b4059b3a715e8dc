package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/livetest"
)

// srvTable answers SRV queries from a table; other names are NXDOMAIN.
type srvTable map[string][]*net.SRV

func (r srvTable) LookupSRV(_ context.Context, service, proto, name string) (string, []*net.SRV, error) {
	q := "_" + service + "._" + proto + "." + name
	if srvs, ok := r[q]; ok {
		return q, srvs, nil
	}
	return "", nil, &net.DNSError{Err: "no such host", Name: q, IsNotFound: true}
}

func checkRun(t *testing.T, r srvTable, args ...string) (result, []check.Record) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, resolver: r}
	code := env.dispatch(append([]string{"check", "--output", "ndjson"}, args...))
	res := result{out.String(), errb.String(), code}
	return res, decodeRecords(t, res.stdout)
}

func status(rec check.Record, name string) string {
	res, ok := rec.Results.Get(name)
	if !ok {
		return "absent"
	}
	return res.Status.String()
}

// TestCheckConnect: check lints the chain a STARTTLS server presents, as a
// server certificate for the domain named, with the federation verdicts
// and a note saying where it came from.
func TestCheckConnect(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth) // serverAuth only, as public CAs issue now
	port := livetest.Serve(t, livetest.STARTTLS(p, nil))
	addr := "127.0.0.1:" + strconv.Itoa(port)

	caFile := p.CAFile(t)
	r, recs := checkRun(t, nil, "--connect", addr, "--ca-file", caFile, "example.org")
	if r.code != exitOK || len(recs) != 2 {
		t.Fatalf("exit %d, %d records (want 0 and the leaf and its CA); stderr %s", r.code, len(recs), r.stderr)
	}
	leaf, ca := recs[0], recs[1]
	if leaf.Input != "example.org@"+addr+"#0" || leaf.Role != "server" || ca.Role != "ca" || ca.ChainOf != leaf.Input {
		t.Errorf("records: %s (%s), %s (%s, chain of %s)", leaf.Input, leaf.Role, ca.Input, ca.Role, ca.ChainOf)
	}
	if got := status(leaf, "e_xmpp_no_identity_for_domain"); got != "pass" {
		t.Errorf("e_xmpp_no_identity_for_domain = %s, want pass", got)
	}
	if got := status(leaf, "w_xmpp_s2s_eku_missing_client_auth"); got != "warn" {
		t.Errorf("w_xmpp_s2s_eku_missing_client_auth = %s, want warn for a serverAuth-only certificate", got)
	}
	verdicts := map[string]string{}
	for _, m := range leaf.Federation {
		for _, d := range m.Directions {
			verdicts[m.Model+" "+string(d.Direction)] = string(d.Outcome)
		}
	}
	if verdicts["ejabberd-legacy s2s-in"] != "reject" || verdicts["prosody-0.12 s2s-in"] != "accept" {
		t.Errorf("verdicts %v: want ejabberd-legacy to reject s2s-in and prosody-0.12 to accept", verdicts)
	}
	if len(leaf.Notes) == 0 || leaf.Notes[len(leaf.Notes)-1] != "presented by "+addr+" over TLS 1.3" {
		t.Errorf("notes %q", leaf.Notes)
	}
	if leaf.Trust == nil || !leaf.Trust.Verified || !strings.HasSuffix(leaf.Trust.Roots, caFile) {
		t.Errorf("trust %+v, want verified with %s", leaf.Trust, caFile)
	}
	if recs[1].Trust != nil {
		t.Errorf("the CA record has a trust verdict: %+v", recs[1].Trust)
	}

	// Without the private CA the chain does not verify: an error, exit 1.
	r, recs = checkRun(t, nil, "--connect", addr, "--no-system-roots", "--ca-file", livetest.NewPKI(t, "x.example").CAFile(t), "example.org")
	if r.code != exitFindings || len(recs) != 2 || recs[0].Trust == nil || recs[0].Trust.Verified ||
		!strings.Contains(recs[0].Trust.Error, "unknown authority") {
		t.Errorf("another CA: exit %d, trust %+v", r.code, recs[0].Trust)
	}

	// The same server asked for another domain: its certificate does not
	// cover it, an error, exit 1.
	r, recs = checkRun(t, nil, "--connect", addr, "--ca-file", caFile, "other.example")
	if r.code != exitFindings || len(recs) != 2 || status(recs[0], "e_xmpp_no_identity_for_domain") != "error" {
		t.Errorf("other.example: exit %d, %d records, e_xmpp_no_identity_for_domain %s", r.code, len(recs), status(recs[0], "e_xmpp_no_identity_for_domain"))
	}
}

// TestCheckSRV: every SRV target is checked, direct TLS ones with ALPN,
// and an endpoint that cannot be reached gets an error record while the
// others are still checked (exit 2).
func TestCheckSRV(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth)
	starttls := livetest.Serve(t, livetest.STARTTLS(p, nil))
	direct := livetest.Serve(t, livetest.DirectTLS(p, []string{"xmpp-server"}, nil))
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	table := srvTable{
		"_xmpps-server._tcp.example.org": {{Target: "127.0.0.1.", Port: uint16(direct), Priority: 5}},
		"_xmpp-server._tcp.example.org": {
			{Target: "127.0.0.1.", Port: uint16(starttls), Priority: 10},
			{Target: "127.0.0.1.", Port: uint16(closed), Priority: 20},
		},
		"_xmpp-server._tcp.gone.example": {{Target: "."}},
	}
	r, recs := checkRun(t, table, "--ca-file", p.CAFile(t), "example.org", "gone.example")
	if r.code != exitUsage {
		t.Errorf("exit %d, want 2 (an endpoint could not be reached); stderr %s", r.code, r.stderr)
	}
	var got []string
	for _, rec := range recs {
		if rec.ChainOf != "" {
			continue
		}
		s := rec.Input + " " + rec.Label
		if rec.Error != "" {
			s += " ERROR"
		}
		got = append(got, s)
	}
	want := []string{
		"example.org@127.0.0.1:" + strconv.Itoa(direct) + "#0 direct TLS, SRV _xmpps-server._tcp.example.org",
		"example.org@127.0.0.1:" + strconv.Itoa(starttls) + "#0 STARTTLS, SRV _xmpp-server._tcp.example.org",
		"example.org@127.0.0.1:" + strconv.Itoa(closed) + "#0 STARTTLS, SRV _xmpp-server._tcp.example.org ERROR",
		"gone.example#0  ERROR",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("records:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(recs) > 0 && !strings.Contains(strings.Join(recs[0].Notes, " "), "ALPN xmpp-server") {
		t.Errorf("direct TLS notes %q: want the ALPN", recs[0].Notes)
	}
	last := recs[len(recs)-1]
	if !strings.Contains(last.Error, "decidedly not available") {
		t.Errorf("gone.example: %q", last.Error)
	}
}

func TestCheckUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"--direct-tls", "example.org"},
		{"--connect", "nohostport", "example.org"},
		{"--service", "xmpp-bogus", "example.org"},
	} {
		if r, _ := checkRun(t, nil, args...); r.code != exitUsage || r.stderr == "" {
			t.Errorf("check %q: exit %d, stderr %q", args, r.code, r.stderr)
		}
	}
}

// TestCheckHintsDirectTLS: STARTTLS against a port that speaks TLS at once
// fails with a record that suggests --direct-tls.
func TestCheckHintsDirectTLS(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	port := livetest.Serve(t, livetest.DirectTLS(p, nil, nil))
	r, recs := checkRun(t, nil, "--connect", "127.0.0.1:"+strconv.Itoa(port), "example.org")
	if r.code != exitUsage || len(recs) != 1 || !strings.Contains(recs[0].Error, "try --direct-tls") {
		t.Errorf("exit %d, records %+v", r.code, recs)
	}
	r, recs = checkRun(t, nil, "--connect", "127.0.0.1:"+strconv.Itoa(port), "--direct-tls", "--ca-file", p.CAFile(t), "example.org")
	if r.code != exitOK || len(recs) != 2 {
		t.Errorf("--direct-tls: exit %d, %d records; %s", r.code, len(recs), r.stderr)
	}
}

// TestCheckExpired: an expired leaf fails verification with the reason;
// the text output says so and counts it.
func TestCheckExpired(t *testing.T) {
	p := livetest.NewPKIValid(t, "example.org", time.Now().Add(-48*time.Hour), time.Now().Add(-24*time.Hour), x509.ExtKeyUsageServerAuth)
	port := livetest.Serve(t, livetest.STARTTLS(p, nil))
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := env.dispatch([]string{"check", "--connect", "127.0.0.1:" + strconv.Itoa(port), "--ca-file", p.CAFile(t), "example.org"})
	text := out.String()
	if code != exitFindings || !strings.Contains(text, "trust    NOT VERIFIED to system roots + ") || !strings.Contains(text, "expired") ||
		!strings.Contains(text, "1 untrusted chain") {
		t.Errorf("exit %d, output:\n%s", code, text)
	}
}

// TestCheckDomainsFromStdin: "-" reads domains from standard input
// (comments and blank lines skipped); several are checked at once and the
// records come out in the order given.
func TestCheckDomainsFromStdin(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	port := livetest.Serve(t, livetest.STARTTLS(p, nil))
	table := srvTable{}
	var list strings.Builder
	var want []string
	for i := 0; i < 12; i++ {
		d := "d" + strconv.Itoa(i) + ".example"
		table["_xmpp-server._tcp."+d] = []*net.SRV{{Target: "127.0.0.1.", Port: uint16(port)}}
		list.WriteString(d + "   # server " + strconv.Itoa(i) + "\n\n")
		want = append(want, d+"@127.0.0.1:"+strconv.Itoa(port)+"#0")
	}
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader("# the collective's servers\n" + list.String()), stdout: &out, stderr: &errb,
		getenv: func(string) string { return "" }, resolver: table}
	code := env.dispatch([]string{"check", "--output", "ndjson", "--workers", "4", "--ca-file", p.CAFile(t), "-"})
	var got []string
	for _, rec := range decodeRecords(t, out.String()) {
		if rec.ChainOf == "" {
			got = append(got, rec.Input)
		}
	}
	if code != exitFindings { // the certificate names example.org, not dN.example
		t.Errorf("exit %d; stderr %s", code, errb.String())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("records\n%s\nwant\n%s", strings.Join(got, " "), strings.Join(want, " "))
	}
}

// TestCheckUnreachableText: in text, an endpoint that cannot be reached
// is UNREACHABLE and counted as such, with the reason.
func TestCheckUnreachableText(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := env.dispatch([]string{"check", "--connect", addr, "example.org"})
	text := out.String()
	if code != exitUsage || !strings.Contains(text, "example.org@"+addr+"#0  UNREACHABLE") || !strings.Contains(text, "refused") ||
		!strings.Contains(text, "1 unreachable") {
		t.Errorf("exit %d, output:\n%s", code, text)
	}
}

// TestCheckIDN: a domain given as U-labels is looked up and asked for
// (stream to, SNI) as A-labels, and linted as given.
func TestCheckIDN(t *testing.T) {
	p := livetest.NewPKI(t, "xn--bcher-kva.example", x509.ExtKeyUsageServerAuth)
	hello := make(chan livetest.Hello, 1)
	port := livetest.Serve(t, livetest.STARTTLS(p, hello))
	table := srvTable{"_xmpp-server._tcp.xn--bcher-kva.example": {{Target: "127.0.0.1.", Port: uint16(port)}}}
	r, recs := checkRun(t, table, "--ca-file", p.CAFile(t), "Bücher.example")
	if r.code != exitOK || len(recs) != 2 || status(recs[0], "e_xmpp_no_identity_for_domain") != "pass" {
		t.Fatalf("exit %d, %d records; stderr %s", r.code, len(recs), r.stderr)
	}
	if h := <-hello; h.SNI != "xn--bcher-kva.example" || h.To != "xn--bcher-kva.example" {
		t.Errorf("the server saw %+v, want the A-label form", h)
	}
	if recs[0].Input != "Bücher.example@127.0.0.1:"+strconv.Itoa(port)+"#0" {
		t.Errorf("input %s", recs[0].Input)
	}
}

// TestCheckSARIF: an untrusted chain is an SARIF error result of its own
// rule, next to the lints' results.
func TestCheckSARIF(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	port := livetest.Serve(t, livetest.STARTTLS(p, nil))
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code := env.dispatch([]string{"check", "--output", "sarif", "--no-system-roots", "--ca-file", livetest.NewPKI(t, "other.example").CAFile(t),
		"--connect", "127.0.0.1:" + strconv.Itoa(port), "example.org"})
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct{ ID string } `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID string `json:"ruleId"`
				Level  string `json:"level"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(out.Bytes(), &log); err != nil || len(log.Runs) != 1 {
		t.Fatalf("SARIF does not decode: %v\n%s", err, out.String())
	}
	found := false
	for _, r := range log.Runs[0].Results {
		found = found || (r.RuleID == untrustedRule && r.Level == "error")
	}
	ruled := false
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		ruled = ruled || r.ID == untrustedRule
	}
	if code != exitFindings || !found || !ruled {
		t.Errorf("exit %d, untrusted result %v, rule %v", code, found, ruled)
	}
}

// TestCheckBadDomains: what is not a domain name gets an error record
// naming it, and nothing is dialled for it (an empty name would reach
// localhost); the other domains are still checked.
func TestCheckBadDomains(t *testing.T) {
	dialled := false
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" },
		resolver: srvTable{}, dialer: dialerFunc(func() { dialled = true })}
	// After --, -bad.example is a domain, not a flag.
	code := env.dispatch([]string{"check", "--output", "ndjson", "--", ".", "a b.example", "-bad.example", "ok.example"})
	recs := decodeRecords(t, out.String())
	if code != exitUsage || len(recs) != 4 {
		t.Fatalf("exit %d, %d records", code, len(recs))
	}
	for _, r := range recs[:3] {
		if !strings.Contains(r.Error, "is not a domain name") {
			t.Errorf("%s: %q", r.Input, r.Error)
		}
	}
	if recs[3].Input != "ok.example@ok.example:5269#0" || !dialled {
		t.Errorf("the good domain: %s, dialled %v", recs[3].Input, dialled)
	}
}

// dialerFunc records that a connection was attempted, and refuses it.
type dialerFunc func()

func (f dialerFunc) DialContext(context.Context, string, string) (net.Conn, error) {
	f()
	return nil, errors.New("refused by the test")
}
