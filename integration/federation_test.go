//go:build linux

package integration

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/asn1"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"text/tabwriter"
	"time"

	zx509 "github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/citest"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
	"github.com/xmpplint/xmpplint/live"
)

// row is one initiator certificate of the test: those of rules.md K's
// measured table, with the receivers' verdicts measured there (Prosody
// 0.12.3, ejabberd 23.01), then the cases that tell the models apart
// (chains, anyEKU, the XmppAddr encodings), which have no measured cells.
type row struct {
	Name string
	// Spec builds the certificate for domain d.
	Spec func(d string) leafSpec
	// Prosody and Ejabberd are the measured receiver verdicts (s2s-in) of
	// rules.md K; empty for a row not in its table.
	Prosody, Ejabberd interop.Outcome
}

var (
	ekuServer = []asn1.ObjectIdentifier{corpus.OIDEKUServerAuth}
	ekuBoth   = []asn1.ObjectIdentifier{corpus.OIDEKUServerAuth, corpus.OIDEKUClientAuth}
	ekuClient = []asn1.ObjectIdentifier{corpus.OIDEKUClientAuth}
	ekuAny    = []asn1.ObjectIdentifier{corpus.OIDEKUAny}
)

// baseSANs are those of the corpus server base: DNS-ID and SRV-ID.
func baseSANs(d string) []corpus.GeneralName {
	return []corpus.GeneralName{corpus.DNS(d), corpus.SRV("_xmpp-server." + d)}
}

// xmppIA5 is a bare-domain XmppAddr encoded as IA5String instead of the
// UTF8String RFC 6120 asks for.
func xmppIA5(d string) corpus.GeneralName {
	return corpus.OtherName(corpus.OIDXmppAddr, corpus.IA5String, d, "XmppAddr")
}

// chained is a leaf with the base SANs and both EKUs, issued by an
// intermediate with the EKU eku (nil: none).
func chained(eku []asn1.ObjectIdentifier) func(d string) leafSpec {
	return func(d string) leafSpec {
		return leafSpec{SANs: baseSANs(d), EKU: ekuBoth, Intermediate: true, IntermediateEKU: eku}
	}
}

// rows follow rules.md K's measured table, in its order, then the rows
// that tell the models apart. Every leaf has keyUsage digitalSignature; the
// identity rows have serverAuth and clientAuth, the EKU rows a DNS-ID and
// an SRV-ID.
var rows = []row{
	{"server-auth-only", func(d string) leafSpec { return leafSpec{SANs: baseSANs(d), EKU: ekuServer} }, interop.Accept, interop.Reject},
	{"server-and-client-auth", func(d string) leafSpec { return leafSpec{SANs: baseSANs(d), EKU: ekuBoth} }, interop.Accept, interop.Accept},
	{"client-auth-only", func(d string) leafSpec { return leafSpec{SANs: baseSANs(d), EKU: ekuClient} }, interop.Reject, interop.Accept},
	{"no-eku", func(d string) leafSpec { return leafSpec{SANs: baseSANs(d)} }, interop.Accept, interop.Accept},
	{"srvid-only", func(d string) leafSpec {
		return leafSpec{SANs: []corpus.GeneralName{corpus.SRV("_xmpp-server." + d)}, EKU: ekuBoth}
	}, interop.Accept, interop.Reject},
	{"xmppaddr-only", func(d string) leafSpec {
		return leafSpec{SANs: []corpus.GeneralName{corpus.Xmpp(d)}, EKU: ekuBoth}
	}, interop.Reject, interop.Crash},
	{"cn-only", func(d string) leafSpec { return leafSpec{CN: d, EKU: ekuBoth} }, interop.Accept, interop.Accept},
	{"dnsid-and-xmppaddr", func(d string) leafSpec {
		return leafSpec{SANs: []corpus.GeneralName{corpus.DNS(d), corpus.Xmpp(d)}, EKU: ekuBoth}
	}, interop.Accept, interop.Crash},
	{"any-eku-only", func(d string) leafSpec { return leafSpec{SANs: baseSANs(d), EKU: ekuAny} }, "", ""},
	{"chain-server-auth-ca", chained(ekuServer), "", ""},
	{"chain-client-auth-ca", chained(ekuClient), "", ""},
	{"chain-no-eku-ca", chained(nil), "", ""},
	{"xmppaddr-ia5-only", func(d string) leafSpec {
		return leafSpec{SANs: []corpus.GeneralName{xmppIA5(d)}, EKU: ekuBoth}
	}, "", ""},
	{"dnsid-and-xmppaddr-ia5", func(d string) leafSpec {
		return leafSpec{SANs: []corpus.GeneralName{corpus.DNS(d), xmppIA5(d)}, EKU: ekuBoth}
	}, "", ""},
}

// The servers and their domains. Prosody "A" hosts prosody.example and p-<row>
// domains, Prosody "B" the q-<row> domains (a second Prosody, because
// ejabberd cannot present some row certificates: see presenter), ejabberd
// hosts ejabberd.example and e-<row> domains.
const (
	prosodyMain  = "prosody.example"
	ejabberdMain = "ejabberd.example"
)

func rowDomain(prefix string, r row) string { return prefix + "-" + r.Name + ".example" }

// measurement is one server judging a row certificate presented by a peer.
type measurement struct {
	Row   row
	Judge string // "Prosody" or "ejabberd": the server whose verdict this is
	Dir   interop.Direction
	Peer  string // the server presenting the row certificate
	Link  link
	// RowDomain is the domain the row certificate was made for.
	RowDomain string
}

type env struct {
	dir      string
	ca       *testCA
	leaves   map[string]*leaf // by domain
	dns      *dnsServer
	capture  *captureServer
	pa, pb   *prosody
	ej       *ejabberd
	versions installed
}

// TestFederation federates the servers of every installation (the
// machine's, then each chroot of scripts/xmpp-servers), in parallel
// subtests. Under CI=true a missing installation fails its subtest.
func TestFederation(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real Prosody and ejabberd servers; skipped under -short")
	}
	for _, in := range installations() {
		t.Run(in.Name, func(t *testing.T) {
			t.Parallel()
			if len(in.Missing) > 0 {
				citest.Missing(t, "XMPP servers of %s not installed: missing %s; %s", in.Name, strings.Join(in.Missing, ", "), installHint)
			}
			federate(t, in)
		})
	}
}

func federate(t *testing.T, in installed) {
	t.Logf("%s (%s): Prosody %s (package %s), ejabberd %s (package %s)", in.Name, in.Distribution,
		in.ProsodyVersion, in.ProsodyPackage, in.EjabberdVersion, in.EjabberdPackage)
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 180*time.Second)
	defer cancel()

	e := setup(ctx, t, in)
	t.Logf("%s: servers up in %v", in.Name, time.Since(start).Round(time.Millisecond))
	ms := measurements()
	e.trigger(ctx, t, ms)
	pa, pb, ej := e.collect(ctx, t, ms)
	e.report(t, ms, pa, pb, ej)
	e.checkLive(ctx, t)
	t.Logf("%s: done in %v", in.Name, time.Since(start).Round(time.Millisecond))
}

// workDir is a temporary directory the installation's servers can read
// (under the chroot's /tmp for a chroot), or XMPPLINT_INTEGRATION_DIR/NAME
// (emptied, then kept with every configuration and log) when set; for a
// chroot, the kept directory is the chroot's /tmp/xmpplint-integration-NAME.
func workDir(t *testing.T, in installed) string {
	keep := os.Getenv("XMPPLINT_INTEGRATION_DIR")
	if keep == "" {
		dir, err := in.tempDir()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		return dir
	}
	dir := filepath.Join(keep, in.Name)
	if in.Root != "" {
		dir = in.host("/tmp/xmpplint-integration-" + in.Name)
	}
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("configurations and logs kept in %s", dir)
	return dir
}

func setup(ctx context.Context, t *testing.T, in installed) *env {
	e := &env{dir: workDir(t, in), leaves: map[string]*leaf{}, versions: in}
	// ECDSA P-256: ejabberd 23.01's certificate loader (p1_pkix 1.0.9)
	// crashes on Ed25519 certificates (case_clause in
	// pkix:pubkey_from_cert), so Ed25519 cannot be used with it.
	ca, err := newCA(algECDSA)
	if err != nil {
		t.Fatal(err)
	}
	e.ca = ca
	caFile := filepath.Join(e.dir, "ca.pem")
	if err := os.WriteFile(caFile, ca.pem, 0o644); err != nil {
		t.Fatal(err)
	}
	certDir := filepath.Join(e.dir, "certs")
	if err := os.MkdirAll(certDir, 0o755); err != nil {
		t.Fatal(err)
	}
	mk := func(domain string, spec leafSpec) vhost {
		l, err := ca.issue(spec)
		if err != nil {
			t.Fatal(err)
		}
		e.leaves[domain] = l
		crt, key, comb, err := l.write(certDir, domain)
		if err != nil {
			t.Fatal(err)
		}
		return vhost{Domain: domain, Cert: crt, Key: key, Combined: comb}
	}
	good := func(d string) leafSpec { return leafSpec{SANs: baseSANs(d), EKU: ekuBoth} }
	aHosts := []vhost{mk(prosodyMain, good(prosodyMain))}
	var bHosts []vhost
	eHosts := []vhost{mk(ejabberdMain, good(ejabberdMain))}
	for _, r := range rows {
		aHosts = append(aHosts, mk(rowDomain("p", r), r.Spec(rowDomain("p", r))))
		bHosts = append(bHosts, mk(rowDomain("q", r), r.Spec(rowDomain("q", r))))
		eHosts = append(eHosts, mk(rowDomain("e", r), r.Spec(rowDomain("e", r))))
	}
	probe := mk(probeDomain, good(probeDomain))
	probeCert, err := tls.LoadX509KeyPair(probe.Cert, probe.Key)
	if err != nil {
		t.Fatal(err)
	}

	if e.dns, err = startDNS(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.dns.close)
	if e.capture, err = startCapture(probeCert); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.capture.close)
	e.dns.add(probeDomain, e.capture.port())

	// Start the three servers at once (ejabberd takes 10-20 s).
	var wg sync.WaitGroup
	var errA, errB, errE error
	sub := func(name string) string {
		d := filepath.Join(e.dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	da, db, de := sub("prosody-a"), sub("prosody-b"), sub("ejabberd")
	wg.Add(3)
	go func() {
		defer wg.Done()
		e.pa, errA = startProsody(ctx, t, in, "prosody-a", da, e.dns.port(), caFile, aHosts)
	}()
	go func() {
		defer wg.Done()
		e.pb, errB = startProsody(ctx, t, in, "prosody-b", db, e.dns.port(), caFile, bHosts)
	}()
	go func() { defer wg.Done(); e.ej, errE = startEjabberd(ctx, t, in, de, e.dns.port(), caFile, eHosts) }()
	wg.Wait()
	for _, err := range []error{errA, errB, errE} {
		if err != nil {
			t.Fatalf("starting the servers: %v (logs in %s)", err, e.dir)
		}
	}
	for _, h := range aHosts {
		e.dns.add(h.Domain, e.pa.s2sPort)
	}
	for _, h := range bHosts {
		e.dns.add(h.Domain, e.pb.s2sPort)
	}
	for _, h := range eHosts {
		e.dns.add(h.Domain, e.ej.s2sPort)
	}
	return e
}

// measurements lists, per row, every verdict the topology observes: each
// server as receiver (s2s-in, the initiator's certificate) and as
// initiator (s2s-out, the receiver's certificate).
func measurements() []measurement {
	var ms []measurement
	for _, r := range rows {
		p, q, ej := rowDomain("p", r), rowDomain("q", r), rowDomain("e", r)
		ms = append(ms,
			measurement{r, "Prosody", interop.S2SIn, "Prosody", link{q, prosodyMain}, q},
			measurement{r, "Prosody", interop.S2SIn, "ejabberd", link{ej, prosodyMain}, ej},
			measurement{r, "ejabberd", interop.S2SIn, "Prosody", link{p, ejabberdMain}, p},
			measurement{r, "Prosody", interop.S2SOut, "Prosody", link{prosodyMain, q}, q},
			measurement{r, "Prosody", interop.S2SOut, "ejabberd", link{prosodyMain, ej}, ej},
			measurement{r, "ejabberd", interop.S2SOut, "Prosody", link{ejabberdMain, p}, p},
		)
	}
	return ms
}

// trigger opens every link by routing one stanza over it, plus one link from
// every row domain to the capture server, which records the certificate
// each initiator presents.
func (e *env) trigger(ctx context.Context, t *testing.T, ms []measurement) {
	var fromA, fromB, fromE []link
	add := func(l link) {
		switch {
		case l.From == prosodyMain || strings.HasPrefix(l.From, "p-"):
			fromA = append(fromA, l)
		case strings.HasPrefix(l.From, "q-"):
			fromB = append(fromB, l)
		default:
			fromE = append(fromE, l)
		}
	}
	for _, m := range ms {
		add(m.Link)
	}
	for _, r := range rows {
		for _, prefix := range []string{"p", "q", "e"} {
			add(link{rowDomain(prefix, r), probeDomain})
		}
	}
	if err := e.pa.send(ctx, fromA); err != nil {
		t.Fatal(err)
	}
	if err := e.pb.send(ctx, fromB); err != nil {
		t.Fatal(err)
	}
	if err := e.ej.send(ctx, fromE); err != nil {
		t.Fatal(err)
	}
}

// judgementOf returns the verdict of m's judge, from the parsed logs.
func judgementOf(m measurement, pa, ej serverLog) judgement {
	l := pa
	if m.Judge == "ejabberd" {
		l = ej
	}
	if m.Dir == interop.S2SIn {
		return l.AsReceiver[m.Link]
	}
	return l.AsInitiator[m.Link]
}

// counterpart returns what the other end of m's link logged.
func counterpart(m measurement, pa, pb, ej serverLog) judgement {
	var l serverLog
	switch {
	case m.Judge == "ejabberd":
		l = pa
	case m.Peer == "ejabberd":
		l = ej
	default:
		l = pb
	}
	if m.Dir == interop.S2SIn {
		return l.AsInitiator[m.Link]
	}
	return l.AsReceiver[m.Link]
}

// collect polls the logs until every measurement has a verdict and the
// capture server has seen every row domain, or 45 s pass.
func (e *env) collect(ctx context.Context, t *testing.T, ms []measurement) (pa, pb, ej serverLog) {
	deadline := time.Now().Add(45 * time.Second)
	for {
		var err error
		if pa, err = parseProsody(e.pa.log); err != nil {
			t.Fatal(err)
		}
		if pb, err = parseProsody(e.pb.log); err != nil {
			t.Fatal(err)
		}
		if ej, err = parseEjabberd(e.ej.log); err != nil {
			t.Fatal(err)
		}
		done := true
		for _, m := range ms {
			if judgementOf(m, pa, ej).Outcome == "" {
				done = false
			}
			if _, seen, _ := e.capture.captured(m.RowDomain); m.Dir == interop.S2SIn && !seen {
				done = false
			}
		}
		if done || time.Now().After(deadline) || ctx.Err() != nil {
			return pa, pb, ej
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// presented checks that the peer really presented the row certificate on
// m's link: as initiator, the certificate the capture server received from
// the row domain; as receiver, the certificate it presents when asked for
// the row domain. It returns "" when it did, else why not.
func (e *env) presented(ctx context.Context, m measurement) string {
	var got *x509.Certificate
	var err error
	if m.Dir == interop.S2SIn {
		var seen bool
		got, seen, err = e.capture.captured(m.RowDomain)
		if !seen {
			return "the capture server saw no connection from " + m.RowDomain
		}
	} else {
		port := e.pa.s2sPort
		switch {
		case strings.HasPrefix(m.RowDomain, "q-"):
			port = e.pb.s2sPort
		case strings.HasPrefix(m.RowDomain, "e-"):
			port = e.ej.s2sPort
		}
		got, err = presentedCert(ctx, port, m.RowDomain)
	}
	if err != nil {
		return fmt.Sprintf("could not see which certificate %s presents for %s: %v", m.Peer, m.RowDomain, err)
	}
	if !bytes.Equal(got.Raw, e.leaves[m.RowDomain].DER) {
		return fmt.Sprintf("%s presents another certificate for %s (%s)", m.Peer, m.RowDomain, describe(got))
	}
	return ""
}

// describe names a certificate by its identities.
func describe(c *x509.Certificate) string {
	var names []string
	if c.Subject.CommonName != "" {
		names = append(names, "CN="+c.Subject.CommonName)
	}
	for _, d := range c.DNSNames {
		names = append(names, "DNS:"+d)
	}
	if len(names) == 0 {
		names = append(names, "no CN or DNS-ID")
	}
	return strings.Join(names, ", ")
}

// serverModels are the models of each server, in interop.Models order.
var serverModels = map[string][]string{
	"Prosody":  {"prosody-0.12", "prosody-13"},
	"ejabberd": {"ejabberd-legacy", "ejabberd"},
}

// packageOf is the Debian package version of judge's server in in.
func packageOf(judge string, in installed) string {
	if judge == "Prosody" {
		return in.ProsodyPackage
	}
	return in.EjabberdPackage
}

// modelFor maps a server of in to its interop model: the model
// interop.Verified names for its package and distribution. ok is false for
// a build the table does not list; the model is then guessed from the
// upstream version (the test fails anyway, saying which models the
// observed verdicts fit).
func modelFor(judge string, in installed) (model string, ok bool) {
	pkg := packageOf(judge, in)
	for _, v := range interop.Verified {
		if v.Server == judge && v.Package == pkg && v.Distribution == in.Distribution {
			return v.Model, true
		}
	}
	if judge == "Prosody" {
		if strings.HasPrefix(in.ProsodyVersion, "0.") {
			return "prosody-0.12", false
		}
		return "prosody-13", false
	}
	var y, m int
	if _, err := fmt.Sscanf(in.EjabberdVersion, "%d.%d", &y, &m); err == nil && (y > 25 || (y == 25 && m >= 7)) {
		return "ejabberd", false
	}
	return "ejabberd-legacy", false
}

// predict is interop.Evaluate's verdict of model for m: the row
// certificate with its presented chain, for its domain, in m's direction.
func (e *env) predict(t *testing.T, m measurement, model string) interop.Verdict {
	l := e.leaves[m.RowDomain]
	zc, err := zx509.ParseCertificate(l.DER)
	if err != nil {
		t.Fatalf("%s: zcrypto: %v", m.RowDomain, err)
	}
	var chain []*zx509.Certificate
	for _, der := range l.Chain {
		c, err := zx509.ParseCertificate(der)
		if err != nil {
			t.Fatalf("%s: zcrypto: chain: %v", m.RowDomain, err)
		}
		chain = append(chain, c)
	}
	v := xmpptest.Parse(t, zc, xmpp.Options{Domains: []string{m.RowDomain}}, chain...)
	got, ok := interop.Evaluate(v).Get(model, m.Dir)
	if !ok {
		t.Fatalf("interop.Evaluate has no %s %s verdict", model, m.Dir)
	}
	return got
}

// tableVersions are the versions rules.md K's measured table was made on.
func tableVersions(in installed) bool {
	return strings.HasPrefix(in.ProsodyVersion, "0.12.") && strings.HasPrefix(in.EjabberdVersion, "23.01")
}

func (e *env) report(t *testing.T, ms []measurement, pa, pb, ej serverLog) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	in := e.versions
	compareTable := tableVersions(in)
	if !compareTable {
		t.Logf("rules.md K was measured on Prosody 0.12.3 and ejabberd 23.01; these are %s and %s: not compared with the table",
			in.ProsodyVersion, in.EjabberdVersion)
	}
	models := map[string]string{}
	listed := map[string]bool{}
	for judge := range serverModels {
		models[judge], listed[judge] = modelFor(judge, in)
	}
	// fits counts, per server and model, the cells whose observed verdict
	// the model predicts; cells counts the observed cells.
	fits := map[string]int{}
	cells := map[string]int{}
	// covered records, per row and receiver, that an s2s-in verdict on the
	// row certificate itself was observed: the measured table's cells.
	covered := map[string]bool{}
	var buf bytes.Buffer
	tw := tabwriter.NewWriter(&buf, 0, 0, 1, ' ', 0)
	fmt.Fprintln(tw, "row\tjudge\tdirection\tpeer\tobserved\trules.md K\tinterop\tdetail")
	for _, m := range ms {
		model := models[m.Judge]
		pred := e.predict(t, m, model)
		j := judgementOf(m, pa, ej)
		other := counterpart(m, pa, pb, ej)
		table := "-"
		if m.Dir == interop.S2SIn && compareTable && m.Row.Prosody != "" {
			table = string(m.Row.Prosody)
			if m.Judge == "ejabberd" {
				table = string(m.Row.Ejabberd)
			}
		}
		detail := j.Detail
		if other.Detail != "" {
			detail += " | other end: " + other.Detail
		}
		observed := j.Outcome
		if why := e.presented(ctx, m); why != "" {
			// Not a measurement of the row certificate: report, do not compare.
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\tn/a\t%s\t%s\t%s\n", m.Row.Name, m.Judge, m.Dir, m.Peer, table, pred.Outcome, why)
			continue
		}
		if observed == "" {
			observed = "none"
			t.Errorf("%s %s: %s as %s (peer %s) on %s->%s: no verdict in the log (%s)", in.Name, m.Row.Name, m.Judge, m.Dir, m.Peer, m.Link.From, m.Link.To, j.Detail)
		} else {
			if m.Dir == interop.S2SIn {
				covered[m.Row.Name+"/"+m.Judge] = true
			}
			if table != "-" && observed != table {
				t.Errorf("%s %s: %s %s verdict %s (%s), rules.md K measured %s; log: %s", in.Name, m.Row.Name, m.Judge, m.Dir, observed, j.Detail, table, j.Line)
			}
			cells[m.Judge]++
			for _, cand := range serverModels[m.Judge] {
				if observed == string(e.predict(t, m, cand).Outcome) {
					fits[cand]++
				}
			}
			if observed != string(pred.Outcome) {
				t.Errorf("%s %s: %s %s (package %s) %s verdict %s, interop %s predicts %s (%s); log: %s", in.Name, m.Row.Name, m.Judge,
					versionOf(m.Judge, in), packageOf(m.Judge, in), m.Dir, observed, model, pred.Outcome, pred.Reason, j.Line)
			}
		}
		if j.Established {
			detail += " [s2s established]"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Row.Name, m.Judge, m.Dir, m.Peer, observed, table, pred.Outcome, detail)
	}
	tw.Flush()
	for _, r := range rows {
		for _, judge := range []string{"Prosody", "ejabberd"} {
			if !covered[r.Name+"/"+judge] {
				t.Errorf("%s %s: no s2s-in verdict of %s on the row certificate was observed", in.Name, r.Name, judge)
			}
		}
	}
	for _, judge := range []string{"Prosody", "ejabberd"} {
		var fitting []string
		for _, cand := range serverModels[judge] {
			if cells[judge] > 0 && fits[cand] == cells[judge] {
				fitting = append(fitting, cand)
			}
		}
		fit := "no model"
		if len(fitting) > 0 {
			fit = strings.Join(fitting, " and ")
		}
		says := "interop.Verified says " + models[judge]
		if !listed[judge] {
			says = "not in interop.Verified; compared with " + models[judge] + ", guessed from the version"
		}
		t.Logf("%s: %s %s (package %s, %s): %d cells observed; they fit %s; %s", in.Name, judge, versionOf(judge, in),
			packageOf(judge, in), in.Distribution, cells[judge], fit, says)
		if !listed[judge] {
			var stale []string
			for _, v := range interop.Verified {
				if v.Server == judge && v.Distribution == in.Distribution {
					stale = append(stale, v.String())
				}
			}
			msg := fmt.Sprintf("%s: %s package %s (%s) is not in interop.Verified; its observed verdicts fit %s", in.Name, judge, packageOf(judge, in), in.Distribution, fit)
			if len(stale) > 0 {
				msg += "; the table lists " + strings.Join(stale, ", ") + " for this distribution: replace it"
			}
			t.Error(msg)
		}
	}
	t.Logf("%s verdicts (judge = the server whose verdict it is; s2s-in: on the initiator's certificate, s2s-out: on the receiver's):\n%s", in.Name, buf.String())
	if os.Getenv("XMPPLINT_INTEGRATION_DIR") != "" {
		if err := os.WriteFile(filepath.Join(e.dir, "verdicts.txt"), buf.Bytes(), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// versionOf is the upstream version of judge's server in in.
func versionOf(judge string, in installed) string {
	if judge == "Prosody" {
		return in.ProsodyVersion
	}
	return in.EjabberdVersion
}

// checkLive runs what `xmpplint check` runs against the real servers: the
// endpoints from the domain's SRV records (the test's DNS server), the
// chain fetched over STARTTLS, then the lints and verdicts for the domain;
// and compares with what each server was configured to present.
func (e *env) checkLive(ctx context.Context, t *testing.T) {
	r := srvResolver(e.dns.port())
	for _, c := range []struct {
		domain string
		port   int
	}{{prosodyMain, e.pa.s2sPort}, {ejabberdMain, e.ej.s2sPort}} {
		eps, _, err := live.Endpoints(ctx, r, c.domain, live.ServiceServer)
		if err != nil {
			t.Errorf("%s: endpoints: %v", c.domain, err)
			continue
		}
		want := live.Endpoint{Host: "127.0.0.1", Port: c.port, Via: "SRV _xmpp-server._tcp." + c.domain}
		if len(eps) != 1 || eps[0] != want {
			t.Errorf("%s: endpoints %v, want [%v]", c.domain, eps, want)
			continue
		}
		ch, err := live.Fetch(ctx, &net.Dialer{}, c.domain, live.ServiceServer, eps[0], live.Options{From: probeDomain})
		if err != nil {
			t.Errorf("%s: fetch: %v", c.domain, err)
			continue
		}
		if !bytes.Equal(ch.Certs[0], e.leaves[c.domain].DER) {
			t.Errorf("%s: the server presented another certificate", c.domain)
			continue
		}
		checker, err := check.New(check.Config{Federation: true, Options: xmpp.Options{Role: xmpp.RoleServer, Scope: xmpp.ScopeS2S,
			Service: xmpp.ServiceServer, Domains: []string{c.domain}, SRVTargets: []string{eps[0].Host}}})
		if err != nil {
			t.Fatal(err)
		}
		g := check.Group{Leaf: check.Cert{Input: c.domain + "#0", DER: ch.Certs[0]}}
		for _, der := range ch.Certs[1:] {
			g.Chain = append(g.Chain, check.Cert{Input: c.domain + "#chain", DER: der})
		}
		rec := checker.Check(g)[0]
		roots, err := live.LoadRoots(false, filepath.Join(e.dir, "ca.pem"))
		if err != nil {
			t.Fatal(err)
		}
		if err := live.Verify(ch.Certs, roots, time.Now()); err != nil {
			t.Errorf("%s: the chain does not verify to the test CA: %v", c.domain, err)
		}
		res, _ := rec.Results.Get("e_xmpp_no_identity_for_domain")
		if rec.Error != "" || rec.Role != "server" || res.Status != lint.Pass {
			t.Errorf("%s: record error %q, role %s, e_xmpp_no_identity_for_domain %s", c.domain, rec.Error, rec.Role, res.Status)
		}
		for _, m := range rec.Federation {
			for _, d := range m.Directions {
				if d.Outcome != interop.Accept {
					t.Errorf("%s: %s %s %s (%s) for a certificate with both EKUs and a DNS-ID", c.domain, m.Model, d.Direction, d.Outcome, d.Reason)
				}
			}
		}
		t.Logf("xmpplint check %s: %s presented over %s; %d certificate(s), identity %s", c.domain, eps[0], ch.TLSVersion, len(ch.Certs), res.Status)
	}
}
