package lints_test

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	stdx509 "crypto/x509"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/cacorpus"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestCAProfilePlacesEveryLint: each lint is either in the ca profile or
// left out of it with a reason, never both, and the tables name no lint
// that does not exist; the zlint profile holds exactly the table's lints.
func TestCAProfilePlacesEveryLint(t *testing.T) {
	t.Parallel()
	in, out := xmpp.CAProfileNames()
	placed := map[string]int{}
	for _, n := range append(append([]string(nil), in...), out...) {
		placed[n]++
		if _, ok := xmpp.Lookup(n); !ok {
			t.Errorf("the ca profile's tables name %s, which is not a lint", n)
		}
	}
	for _, info := range xmpp.All() {
		if placed[info.Name] != 1 {
			t.Errorf("%s is placed %d times in the ca profile's tables, want once (in or out, with a reason)", info.Name, placed[info.Name])
		}
		if in, why, ok := xmpp.CAProfileReason(info.Name); !ok || why == "" || in != info.InProfile(xmpp.ProfileCA) {
			t.Errorf("%s: in=%v reason %q", info.Name, in, why)
		}
	}
	prof, ok := lint.GetProfile(xmpp.ProfileCA)
	if !ok {
		t.Fatal("the ca profile is not registered with zlint")
	}
	got := append([]string(nil), prof.LintNames...)
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(in, ",") {
		t.Errorf("zlint's ca profile holds %v, want %v", got, in)
	}
}

// boulderLinter is Boulder's linter (letsencrypt/boulder linter/linter.go)
// as an issuer uses it, written from its behaviour: a throwaway key of the
// issuer key's type and a self-signed copy of the issuer holding it sign the
// template; the certificate goes through a registry filtered from zlint's
// global one with the profile's ignoredLints, configured from its
// lintConfig TOML; any result above pass fails issuance.
type boulderLinter struct {
	issuer *stdx509.Certificate
	signer crypto.Signer
	reg    lint.Registry
}

func newBoulderLinter(t testing.TB, realIssuer *stdx509.Certificate, ignored []string, lintConfig string) *boulderLinter {
	t.Helper()
	var signer crypto.Signer
	var err error
	switch k := realIssuer.PublicKey.(type) {
	case *rsa.PublicKey:
		signer, err = rsa.GenerateKey(rand.Reader, k.Size()*8)
	case *ecdsa.PublicKey:
		signer, err = ecdsa.GenerateKey(k.Curve, rand.Reader)
	default:
		t.Fatalf("issuer key %T", k)
	}
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &stdx509.Certificate{
		SerialNumber: realIssuer.SerialNumber, Subject: realIssuer.Subject, SubjectKeyId: realIssuer.SubjectKeyId,
		NotBefore: realIssuer.NotBefore, NotAfter: realIssuer.NotAfter, KeyUsage: realIssuer.KeyUsage,
		ExtKeyUsage: realIssuer.ExtKeyUsage, BasicConstraintsValid: true, IsCA: true,
		MaxPathLen: realIssuer.MaxPathLen, MaxPathLenZero: realIssuer.MaxPathLenZero,
	}
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, tmpl, signer.Public(), signer)
	if err != nil {
		t.Fatal(err)
	}
	issuer, err := stdx509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{ExcludeNames: ignored})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := lint.NewConfigFromString(lintConfig)
	if err != nil {
		t.Fatal(err)
	}
	reg.SetConfiguration(cfg)
	return &boulderLinter{issuer: issuer, signer: signer, reg: reg}
}

// check lints a template and returns Boulder's verdict on the xmpplint
// lints' results (zlint's own lints are Boulder's business): nil, or the
// failed lints with their details.
func (b *boulderLinter) check(tmpl *stdx509.Certificate, pub any) error {
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, b.issuer, pub, b.signer)
	if err != nil {
		return err
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		return err
	}
	rs := zlint.LintCertificateEx(c, b.reg)
	var failed []string
	for name, res := range rs.Results {
		if strings.Contains(name, "_xmpp_") && res.Status > lint.Pass {
			failed = append(failed, fmt.Sprintf("%s (%s)", name, res.Details))
		}
	}
	if len(failed) > 0 {
		sort.Strings(failed)
		return fmt.Errorf("failed lint(s): %s", strings.Join(failed, ", "))
	}
	return nil
}

// boulderConfig is the lintConfig docs/ca.md gives a Boulder profile.
const boulderConfig = `
[Global]
xmpp_role = "server"
xmpp_scope = "both"
`

// TestBoulderStyleCAProfile: a Boulder-style issuer (throwaway key, zlint's
// global registry, ignoredLints listing every xmpplint lint outside the ca
// profile, the lintConfig of docs/ca.md) issues each good public-CA-style
// certificate and refuses each issuer's mistake, naming the lint. Without
// the ignoredLints, the xmpp profile's interop warning would stop every
// serverAuth-only certificate, which is the reason for the profile.
func TestBoulderStyleCAProfile(t *testing.T) {
	t.Parallel()
	_, ignored := xmpp.CAProfileNames()
	cas, err := cacorpus.CAs()
	if err != nil {
		t.Fatal(err)
	}
	linters := map[*stdx509.Certificate]*boulderLinter{}
	all := map[*stdx509.Certificate]*boulderLinter{}
	for _, ca := range cas {
		linters[ca.Intermediate] = newBoulderLinter(t, ca.Intermediate, ignored, boulderConfig)
		all[ca.Intermediate] = newBoulderLinter(t, ca.Intermediate, nil, boulderConfig)
	}
	good, err := cacorpus.Good(24)
	if err != nil {
		t.Fatal(err)
	}
	for _, is := range good {
		if err := linters[is.Issuer].check(is.Template, is.Public); err != nil {
			t.Errorf("%s: issuance refused: %v", is.Name, err)
		}
		if err := all[is.Issuer].check(is.Template, is.Public); err == nil || !strings.Contains(err.Error(), "w_xmpp_s2s_eku_missing_client_auth") {
			t.Errorf("%s: without ignoredLints, want the interop warning to stop issuance; got %v", is.Name, err)
		}
	}
	for i, d := range cacorpus.Defects() {
		is, err := cacorpus.WithDefect(i, d)
		if err != nil {
			t.Fatal(err)
		}
		err = linters[is.Issuer].check(is.Template, is.Public)
		if err == nil || !strings.Contains(err.Error(), d.Lint+" (") {
			t.Errorf("%s: want issuance refused naming %s, got %v", d.About, d.Lint, err)
		}
	}
}

// TestZlintCAProfileFilter: the zlint way to the same set, FilterOptions
// with the registered ca profile, runs exactly the ca profile's lints.
func TestZlintCAProfileFilter(t *testing.T) {
	t.Parallel()
	var f lint.FilterOptions
	f.AddProfile(mustProfile(xmpp.ProfileCA))
	reg, err := lint.GlobalRegistry().Filter(f)
	if err != nil {
		t.Fatal(err)
	}
	in, _ := xmpp.CAProfileNames()
	got := reg.Names()
	sort.Strings(got)
	if strings.Join(got, ",") != strings.Join(in, ",") {
		t.Errorf("filtered registry runs %v, want %v", got, in)
	}
}
