package check_test

import (
	"bytes"
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// allDERs returns every certificate of the generated corpus and of the
// real certificates.
func allDERs(t testing.TB) [][]byte {
	t.Helper()
	return dersOf(t, corpus.FS(), corpus.External())
}

// dersOf returns the certificates of the PEM files of the file systems.
func dersOf(t testing.TB, fss ...fs.FS) [][]byte {
	t.Helper()
	var out [][]byte
	for _, fsys := range fss {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".pem") {
				return err
			}
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			for {
				var b *pem.Block
				if b, data = pem.Decode(data); b == nil {
					break
				}
				out = append(out, b.Bytes)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestLightParseAgreesWithZcrypto: the fields grouping reads must be those
// a full parse gives, on every corpus and real certificate that parses.
func TestLightParseAgreesWithZcrypto(t *testing.T) {
	t.Parallel()
	n := 0
	for i, der := range allDERs(t) {
		full, err := x509.ParseCertificate(der)
		if err != nil {
			continue
		}
		n++
		light, err := check.LightParse(der)
		if err != nil {
			t.Errorf("certificate %d (%s): light parse failed: %v", i, full.Subject, err)
			continue
		}
		switch {
		case !bytes.Equal(light.RawSubject, full.RawSubject), !bytes.Equal(light.RawIssuer, full.RawIssuer):
			t.Errorf("certificate %d: names differ", i)
		case light.IsCA != full.IsCA || light.BasicConstraintsValid != full.BasicConstraintsValid:
			t.Errorf("certificate %d: basicConstraints differ", i)
		case !bytes.Equal(light.SubjectKeyId, full.SubjectKeyId), !bytes.Equal(light.AuthorityKeyId, full.AuthorityKeyId):
			t.Errorf("certificate %d: key identifiers differ", i)
		case fmt.Sprint(light.DNSNames) != fmt.Sprint(full.DNSNames):
			t.Errorf("certificate %d: DNS names %v, want %v", i, light.DNSNames, full.DNSNames)
		case len(light.OtherNames) != len(full.OtherNames):
			t.Errorf("certificate %d: %d otherNames, want %d", i, len(light.OtherNames), len(full.OtherNames))
		}
	}
	if n < 300 {
		t.Errorf("only %d certificates compared", n)
	}
}

func FuzzLightParse(f *testing.F) {
	for _, der := range allDERs(f)[:20] {
		f.Add(der)
	}
	f.Fuzz(func(t *testing.T, der []byte) {
		check.LightParse(der) // must not panic
	})
}

func TestSelect(t *testing.T) {
	t.Parallel()
	count := func(cfg check.Config) int {
		l, err := check.Select(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return len(l)
	}
	all := len(xmpp.All())
	xmppN, strict, webpki := count(check.Config{}), count(check.Config{Profile: "strict"}), count(check.Config{Profile: "webpki"})
	if !(xmppN < strict && xmppN < webpki && strict < all && webpki < all) {
		t.Errorf("profile sizes xmpp %d strict %d webpki %d all %d", xmppN, strict, webpki, all)
	}
	if n := count(check.Config{IncludeNames: []string{"e_xmpp_strict_subject_empty"}}); n != 1 {
		t.Errorf("include-names of a strict lint under the default profile: %d lints", n)
	}
	if n := count(check.Config{NameFilter: "^w_"}); n == 0 || n >= xmppN {
		t.Errorf("name filter ^w_: %d", n)
	}
	if n := count(check.Config{IncludeSources: []lint.LintSource{xmpp.SourceInterop}}) + count(check.Config{ExcludeSources: []lint.LintSource{xmpp.SourceInterop}}); n != xmppN {
		t.Errorf("include and exclude of one source do not partition the profile: %d vs %d", n, xmppN)
	}
	for _, bad := range []check.Config{{Profile: "nope"}, {NameFilter: "("}, {IncludeNames: []string{"e_xmpp_nope"}}} {
		if _, err := check.Select(bad); err == nil {
			t.Errorf("Select(%+v) accepted", bad)
		}
	}
}

// TestRunKeepsOrder runs many groups on several workers: records come back
// in input order, one per certificate, errors included.
func TestRunKeepsOrder(t *testing.T) {
	t.Parallel()
	ch, err := check.New(check.Config{Federation: true})
	if err != nil {
		t.Fatal(err)
	}
	var ders [][]byte
	for _, der := range allDERs(t) {
		if _, err := x509.ParseCertificate(der); err == nil {
			ders = append(ders, der)
		}
	}
	var groups []check.Group
	for i := 0; i < 600; i++ {
		c := check.Cert{Input: fmt.Sprintf("in#%d", i), DER: ders[i%len(ders)]}
		if i%17 == 0 {
			c.DER = c.DER[:len(c.DER)/3] // truncated
		}
		if i%29 == 0 {
			c.DER, c.Err = nil, errors.New("unreadable")
		}
		groups = append(groups, check.Group{Leaf: c})
	}
	src := sliceSource(groups)
	var got []check.Record
	if err := ch.Run(context.Background(), 4, src, func(r check.Record) error {
		got = append(got, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(groups) {
		t.Fatalf("%d records for %d certificates", len(got), len(groups))
	}
	for i, r := range got {
		if r.Input != groups[i].Leaf.Input {
			t.Fatalf("record %d is %s", i, r.Input)
		}
		if (i%17 == 0 || i%29 == 0) != (r.Error != "") {
			t.Errorf("%s: error %q", r.Input, r.Error)
		}
	}
}

// TestRunStops: cancelling the context stops the source; the records
// emitted are a prefix of the input, and Run reports the cancellation.
func TestRunStops(t *testing.T) {
	t.Parallel()
	ch, err := check.New(check.Config{})
	if err != nil {
		t.Fatal(err)
	}
	der := allDERs(t)[0]
	ctx, cancel := context.WithCancel(context.Background())
	var taken atomic.Int64
	src := func(ctx context.Context) (check.Group, bool) {
		if ctx.Err() != nil {
			return check.Group{}, false
		}
		n := taken.Add(1)
		return check.Group{Leaf: check.Cert{Input: fmt.Sprint(n - 1), DER: der}}, true
	}
	emitted := 0
	err = ch.Run(ctx, 2, src, func(r check.Record) error {
		if r.Input != fmt.Sprint(emitted) {
			t.Fatalf("record %d is %s", emitted, r.Input)
		}
		emitted++
		if emitted == 100 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run returned %v, want context.Canceled", err)
	}
	if int64(emitted) != taken.Load() {
		t.Errorf("%d groups taken, %d records emitted: a taken certificate was lost", taken.Load(), emitted)
	}
	// An error from emit stops the run too and is returned.
	boom := errors.New("disk full")
	err = ch.Run(context.Background(), 2, src, func(check.Record) error { return boom })
	if !errors.Is(err, boom) {
		t.Errorf("Run returned %v, want the emit error", err)
	}
}

// TestReleaseReuse: records made, encoded in the workers and released as
// the audit does it write the same lines as records that are never
// released, certificate for certificate, with chains.
func TestReleaseReuse(t *testing.T) {
	t.Parallel()
	ch, err := check.New(check.Config{Federation: true, Profile: "strict"})
	if err != nil {
		t.Fatal(err)
	}
	ders := allDERs(t)
	var groups []check.Group
	for i := 0; i < 3*len(ders); i++ {
		g := check.Group{Leaf: check.Cert{Input: fmt.Sprintf("in#%d", i), DER: ders[i%len(ders)]}}
		if i%5 == 0 {
			g.Chain = []check.Cert{{Input: fmt.Sprintf("in#%d/ca", i), DER: ders[(i*7)%len(ders)]}}
		}
		groups = append(groups, g)
	}
	var want []string
	for _, g := range groups {
		for _, r := range ch.Check(g) {
			want = append(want, string(r.AppendNDJSON(nil))+"\n")
		}
	}
	src := sliceSource(groups)
	i := 0
	if err := ch.RunPrepared(context.Background(), 4, src, check.EncodeLine, func(r check.Record) error {
		if i >= len(want) {
			return fmt.Errorf("more records than certificates")
		}
		if got := string(r.EncodedLine()); got != want[i] {
			return fmt.Errorf("record %d:\n got %s\nwant %s", i, got, want[i])
		}
		i++
		r.Release()
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if i != len(want) {
		t.Fatalf("%d records, want %d", i, len(want))
	}
}

// sliceSource yields groups in order, then ends.
func sliceSource(groups []check.Group) check.Source {
	next := 0
	return func(ctx context.Context) (check.Group, bool) {
		if next == len(groups) {
			return check.Group{}, false
		}
		next++
		return groups[next-1], true
	}
}

// TestForcedRoleIsTheLeafs: a role forced by the options (--role server)
// is the leaf's; the CA certificates presented with it stay CA
// certificates, and the leaf-only lints are NA for them.
func TestForcedRoleIsTheLeafs(t *testing.T) {
	ders, err := corpus.Load("chain-ca-server-auth-only")
	if err != nil {
		t.Fatal(err)
	}
	if len(ders) < 2 {
		t.Fatalf("%d certificates, want a leaf and its chain", len(ders))
	}
	ch, err := check.New(check.Config{Options: xmpp.Options{Role: xmpp.RoleServer, Domains: []string{"example.org"}}})
	if err != nil {
		t.Fatal(err)
	}
	g := check.Group{Leaf: check.Cert{Input: "in#0", DER: ders[0]}}
	for i, der := range ders[1:] {
		g.Chain = append(g.Chain, check.Cert{Input: fmt.Sprintf("in#%d", i+1), DER: der})
	}
	recs := ch.Check(g)
	if recs[0].Role != "server" {
		t.Errorf("leaf role %s, want server", recs[0].Role)
	}
	for _, r := range recs[1:] {
		if r.Role != "ca" {
			t.Errorf("%s: role %s, want ca", r.Input, r.Role)
		}
		if res, _ := r.Results.Get("e_xmpp_no_identity_for_domain"); res.Status != lint.NA {
			t.Errorf("%s: e_xmpp_no_identity_for_domain %s on a CA certificate", r.Input, res.Status)
		}
	}
}
