package check_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	stdx509 "crypto/x509"
	stdpkix "crypto/x509/pkix"
	stdasn1 "encoding/asn1"
	"encoding/hex"
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// everyLint is a checker with every xmpplint lint and the verdicts.
func everyLint(t testing.TB, now func() time.Time) *check.Checker {
	t.Helper()
	var names []string
	for _, info := range xmpp.All() {
		names = append(names, info.Name)
	}
	ch, err := check.New(check.Config{IncludeNames: names, Federation: true, Now: now,
		Options: xmpp.Options{Domains: []string{"example.org"}}})
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// sameLinting compares what the lints and verdicts say in two records,
// leaving out the lints named in skip.
func sameLinting(t *testing.T, what string, got, want check.Record, skip map[string]bool) {
	t.Helper()
	if got.Error != "" || want.Error != "" {
		t.Fatalf("%s: errors: got %q, want %q", what, got.Error, want.Error)
	}
	if got.Role != want.Role || got.EKU != want.EKU || !reflect.DeepEqual(got.Identities, want.Identities) || got.Subject != want.Subject {
		t.Errorf("%s: description differs:\n got %s %s %v %q\nwant %s %s %v %q", what, got.Role, got.EKU, got.Identities, got.Subject, want.Role, want.EKU, want.Identities, want.Subject)
	}
	if len(got.Results) != len(want.Results) {
		t.Fatalf("%s: %d results, want %d", what, len(got.Results), len(want.Results))
	}
	for i, g := range got.Results {
		w := want.Results[i]
		if skip[g.Name] {
			continue
		}
		if g != w {
			t.Errorf("%s: %s = %v %q, want %v %q", what, g.Name, g.Status, g.Details, w.Status, w.Details)
		}
	}
	if !reflect.DeepEqual(got.Federation, want.Federation) {
		t.Errorf("%s: federation verdicts differ:\n got %v\nwant %v", what, got.Federation, want.Federation)
	}
}

// TestCheckTBSEqualsCertificate: a TBS gives, for every xmpplint lint and
// verdict, what its signed certificate gives, on every corpus and real
// certificate.
func TestCheckTBSEqualsCertificate(t *testing.T) {
	t.Parallel()
	ch := everyLint(t, nil)
	n := 0
	for i, der := range allDERs(t) {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			continue
		}
		if k := check.DetectKind(der); k != check.KindCertificate {
			t.Fatalf("certificate %d detected as %s", i, k)
		}
		if k := check.DetectKind(c.RawTBSCertificate); k != check.KindTBS {
			t.Fatalf("TBS of certificate %d detected as %s", i, k)
		}
		want := ch.CheckOne(check.Cert{Input: "cert", DER: der})
		got := ch.CheckTBS("tbs", c.RawTBSCertificate)
		sameLinting(t, "certificate "+want.Subject, got, want, nil)
		sum := sha256.Sum256(c.RawTBSCertificate)
		if got.Kind != check.KindTBS || got.SHA256 != hex.EncodeToString(sum[:]) || got.Issuer != want.Issuer || got.NotBefore != want.NotBefore {
			t.Errorf("certificate %d: TBS record kind %q sha256 %s issuer %q not_before %s", i, got.Kind, got.SHA256, got.Issuer, got.NotBefore)
		}
		wantKind := check.KindCertificate
		if c.IsPrecert {
			wantKind = check.KindPrecertificate
		}
		if want.Kind != wantKind {
			t.Errorf("certificate %d: kind %q, want %q", i, want.Kind, wantKind)
		}
		n++
	}
	if n < 300 {
		t.Fatalf("only %d certificates compared", n)
	}
	t.Logf("%d certificates and their TBSs agree", n)
}

// requestOnly are the lints whose subject a CA fills in, NA on a CSR.
var requestOnly = map[string]bool{
	"w_xmpp_server_eku_absent":                 true,
	"w_xmpp_xmppaddr_domain_with_client_auth":  true,
	"w_xmpp_strict_no_ocsp_aia":                true,
	"w_xmpp_weak_signature_algorithm":          true,
	"e_xmpp_chain_ca_eku_excludes_server_auth": true,
}

// withSelfSigned adds the lint whose text says whether the certificate is
// self-signed (issuer = subject): a request or template of one becomes CA-signed.
func withSelfSigned(m map[string]bool) map[string]bool {
	out := map[string]bool{"w_xmpp_server_xmppaddr_breaks_ejabberd": true}
	for k, v := range m {
		out[k] = v
	}
	return out
}

// notSelfSigned returns vs without the note that a verdict rests on the
// peer trusting a self-signed certificate: what a request or a template
// of a self-signed certificate becomes is CA-signed.
func notSelfSigned(vs interop.Verdicts) interop.Verdicts {
	if vs == nil {
		return nil
	}
	out := make(interop.Verdicts, len(vs))
	for i, m := range vs {
		out[i] = interop.ModelVerdicts{Model: m.Model, Directions: append([]interop.DirectionVerdict(nil), m.Directions...)}
		for j := range out[i].Directions {
			d := &out[i].Directions[j]
			d.Verdict.Reason = strings.TrimSuffix(d.Verdict.Reason, "; assumes the verifier trusts this self-signed certificate")
		}
	}
	return out
}

// csrFor makes a CSR asking for what c holds: its subject and every
// extension but the ones a CA adds (key identifiers, AIA).
func csrFor(t testing.TB, c *x509.Certificate, key any) ([]byte, error) {
	t.Helper()
	var exts []stdpkix.Extension
	for _, e := range c.Extensions {
		id := stdasn1.ObjectIdentifier(e.Id)
		switch id.String() {
		case "2.5.29.35", "2.5.29.14", "1.3.6.1.5.5.7.1.1":
			continue
		}
		exts = append(exts, stdpkix.Extension{Id: id, Critical: e.Critical, Value: e.Value})
	}
	return stdx509.CreateCertificateRequest(rand.Reader, &stdx509.CertificateRequest{RawSubject: c.RawSubject, ExtraExtensions: exts}, key)
}

// TestCheckCSREqualsCertificate: a CSR asking for what a corpus
// certificate holds gives the certificate's results and verdicts, except
// for the lints about what the CA fills in, which are NA when the request
// leaves it to the CA.
func TestCheckCSREqualsCertificate(t *testing.T) {
	t.Parallel()
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	n := 0
	for i, der := range allDERs(t) {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			continue
		}
		csr, err := csrFor(t, c, key)
		if err != nil {
			continue // crypto/x509 refuses a few of the corpus's broken extensions
		}
		if k := check.DetectKind(csr); k != check.KindCSR {
			t.Fatalf("CSR %d detected as %s", i, k)
		}
		ch := everyLint(t, func() time.Time { return c.NotBefore })
		want := ch.CheckOne(check.Cert{Input: "cert", DER: der})
		got := ch.CheckCSR("csr", csr)
		if want.Role == "ca" {
			continue // the chain lints' CA certificates: no request makes them
		}
		skip := requestOnly
		if bytes.Equal(c.RawIssuer, c.RawSubject) {
			// A request becomes a CA-signed certificate.
			skip = withSelfSigned(requestOnly)
			want.Federation = notSelfSigned(want.Federation)
		}
		sameLinting(t, "certificate "+want.Subject, got, want, skip)
		if got.Kind != check.KindCSR || got.Issuer != "" || got.NotBefore != "" || len(got.Notes) == 0 {
			t.Errorf("certificate %d: CSR record kind %q issuer %q not_before %q notes %v", i, got.Kind, got.Issuer, got.NotBefore, got.Notes)
		}
		ekuAbsent, _ := got.Results.Get("w_xmpp_server_eku_absent")
		if want.EKU == "none" && want.Role == "server" && ekuAbsent.Status != lint.NA {
			t.Errorf("certificate %d: w_xmpp_server_eku_absent is %v on a request without EKU, want NA", i, ekuAbsent.Status)
		}
		if weak, _ := got.Results.Get("w_xmpp_weak_signature_algorithm"); weak.Status != lint.NA {
			t.Errorf("certificate %d: w_xmpp_weak_signature_algorithm is %v on a request, want NA", i, weak.Status)
		}
		n++
	}
	if n < 200 {
		t.Fatalf("only %d requests compared", n)
	}
	t.Logf("%d requests agree with their certificates", n)
}

// TestCheckCSRSignature: a request whose self-signature does not verify is
// an error record that says so; so is a request that is not one.
func TestCheckCSRSignature(t *testing.T) {
	t.Parallel()
	ch := everyLint(t, nil)
	for _, alg := range []string{"ed25519", "ecdsa", "rsa"} {
		var key any
		switch alg {
		case "ed25519":
			_, key, _ = ed25519.GenerateKey(rand.Reader)
		case "ecdsa":
			key, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		case "rsa":
			key, _ = rsa.GenerateKey(rand.Reader, 2048)
		}
		csr, err := stdx509.CreateCertificateRequest(rand.Reader, &stdx509.CertificateRequest{
			Subject: stdpkix.Name{CommonName: "example.org"}, DNSNames: []string{"example.org"}}, key)
		if err != nil {
			t.Fatal(err)
		}
		good := ch.CheckCSR("good.csr", csr)
		if good.Error != "" || good.Kind != check.KindCSR || good.Role != "server" {
			t.Fatalf("%s: good request: %+v", alg, good)
		}
		if st, _ := good.Results.Get("w_xmpp_cn_not_in_san"); st.Status != lint.Pass {
			t.Errorf("%s: w_xmpp_cn_not_in_san = %v on a request with its CN in the SAN", alg, st.Status)
		}
		bad := append([]byte(nil), csr...)
		bad[len(bad)-5] ^= 0x40 // in the signature
		rec := ch.CheckCSR("bad.csr", bad)
		if !strings.Contains(rec.Error, "bad.csr") || !strings.Contains(rec.Error, "self-signature") || rec.Kind != check.KindCSR || len(rec.Results) != 0 {
			t.Errorf("%s: bad signature: kind %q error %q", alg, rec.Kind, rec.Error)
		}
	}
	cert := allDERs(t)[0]
	if rec := ch.CheckCSR("cert.pem", cert); !strings.Contains(rec.Error, "given as a certificate request (PKCS#10), but the DER is a certificate") {
		t.Errorf("certificate as CSR: %q", rec.Error)
	}
	if rec := ch.CheckTBS("x", []byte{0x30, 0x03, 0x02, 0x01, 0x01}); rec.Error == "" || rec.Kind != check.KindTBS {
		t.Errorf("truncated TBS: %+v", rec)
	}
}

// TestCheckTemplate: Boulder's throwaway-key method gives, for a template
// holding what a corpus certificate holds, the certificate's results, with
// an issuer of each key type or none.
func TestCheckTemplate(t *testing.T) {
	t.Parallel()
	pub, _, _ := ed25519.GenerateKey(rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	ecKey, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	issuers := []*stdx509.Certificate{nil}
	for _, k := range []any{rsaKey, ecKey} {
		tmpl := &stdx509.Certificate{SerialNumber: big.NewInt(7), Subject: stdpkix.Name{CommonName: "Test Issuing CA"},
			BasicConstraintsValid: true, IsCA: true, NotBefore: time.Unix(0, 0), NotAfter: time.Unix(4e9, 0)}
		var pubKey any
		switch k := k.(type) {
		case *rsa.PrivateKey:
			pubKey = &k.PublicKey
		case *ecdsa.PrivateKey:
			pubKey = &k.PublicKey
		}
		der, err := stdx509.CreateCertificate(rand.Reader, tmpl, tmpl, pubKey, k)
		if err != nil {
			t.Fatal(err)
		}
		iss, err := stdx509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		issuers = append(issuers, iss)
	}
	ch := everyLint(t, nil)
	n := 0
	for i, der := range allDERs(t) {
		c, err := x509.ParseCertificate(der)
		if err != nil || i%3 != 0 { // a third of them: RSA signing is slow
			continue
		}
		var exts []stdpkix.Extension
		for _, e := range c.Extensions {
			exts = append(exts, stdpkix.Extension{Id: stdasn1.ObjectIdentifier(e.Id), Critical: e.Critical, Value: e.Value})
		}
		tmpl := &stdx509.Certificate{SerialNumber: big.NewInt(int64(i) + 1), RawSubject: c.RawSubject,
			NotBefore: c.NotBefore, NotAfter: c.NotAfter, ExtraExtensions: exts}
		issuer := issuers[n%len(issuers)]
		got, err := ch.CheckTemplate("template", tmpl, issuer, pub)
		if err != nil {
			continue // crypto/x509 refuses to sign a few of the corpus's broken extensions
		}
		want := ch.CheckOne(check.Cert{Input: "cert", DER: der})
		skip := map[string]bool{"w_xmpp_weak_signature_algorithm": true}
		if bytes.Equal(c.RawIssuer, c.RawSubject) {
			skip = withSelfSigned(skip) // the template is signed by another issuer
			want.Federation = notSelfSigned(want.Federation)
		}
		sameLinting(t, "certificate "+want.Subject, got, want, skip)
		if got.Kind != check.KindTBS || len(got.SHA256) != 64 {
			t.Errorf("template %d: kind %q sha256 %q", i, got.Kind, got.SHA256)
		}
		if issuer != nil && got.Issuer != "CN=Test Issuing CA" {
			t.Errorf("template %d: issuer %q, want the real issuer's name", i, got.Issuer)
		}
		n++
	}
	if n < 80 {
		t.Fatalf("only %d templates compared", n)
	}
	t.Logf("%d templates agree with their certificates", n)
	if _, err := ch.CheckTemplate("no key", &stdx509.Certificate{SerialNumber: big.NewInt(1)}, nil, nil); err == nil || !strings.Contains(err.Error(), "no key") {
		t.Errorf("template without a key: %v", err)
	}
}

type fakeZlint struct{}

func (fakeZlint) Lint(*x509.Certificate) check.Results {
	return check.Results{{Name: "e_fake_zlint", Result: check.Result{Status: lint.Error, Details: "x"}}}
}

// TestZlintNotOnRequests: zlint's own lints run on certificates and TBSs,
// not on requests, whose records say why.
func TestZlintNotOnRequests(t *testing.T) {
	t.Parallel()
	ch, err := check.New(check.Config{Zlint: fakeZlint{}})
	if err != nil {
		t.Fatal(err)
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	csr, err := stdx509.CreateCertificateRequest(rand.Reader, &stdx509.CertificateRequest{DNSNames: []string{"example.org"}}, key)
	if err != nil {
		t.Fatal(err)
	}
	der := allDERs(t)[0]
	c, _ := x509.ParseCertificate(der)
	for _, rec := range []check.Record{ch.CheckOne(check.Cert{Input: "c", DER: der}), ch.CheckTBS("t", c.RawTBSCertificate), ch.CheckCSR("r", csr)} {
		_, ran := rec.Results.Get("e_fake_zlint")
		noted := strings.Contains(strings.Join(rec.Notes, "\n"), "zlint's own lints do not run")
		if want := rec.Kind != check.KindCSR; ran != want || noted == want {
			t.Errorf("%s: zlint ran %v, noted %v", rec.Kind, ran, noted)
		}
		if _, err := json.Marshal(&rec); err != nil {
			t.Error(err)
		}
	}
}
