package check_test

import (
	"crypto/ed25519"
	"crypto/rand"
	stdx509 "crypto/x509"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/xmpplint/xmpplint/check"
)

// v1 rebuilds a certificate as X.509 v1: its TBS without the [0] version
// and the extensions, in a certificate with the same algorithm.
func v1(t testing.TB, der []byte) (cert, tbs []byte) {
	t.Helper()
	in := cryptobyte.String(der)
	var c, body, alg, sig cryptobyte.String
	var tbsBody cryptobyte.String
	if !in.ReadASN1(&c, cbasn1.SEQUENCE) || !c.ReadASN1(&tbsBody, cbasn1.SEQUENCE) ||
		!c.ReadASN1Element(&alg, cbasn1.SEQUENCE) || !c.ReadASN1Element(&sig, cbasn1.BIT_STRING) {
		t.Fatal("not a certificate")
	}
	body = tbsBody
	if !body.SkipOptionalASN1(cbasn1.Tag(0).Constructed().ContextSpecific()) {
		t.Fatal("bad version")
	}
	var b cryptobyte.Builder
	b.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		for i := 0; i < 6; i++ { // serial, algorithm, issuer, validity, subject, key
			var e cryptobyte.String
			var tag cbasn1.Tag
			if !body.ReadAnyASN1Element(&e, &tag) {
				t.Fatal("short TBS")
			}
			b.AddBytes(e)
		}
	})
	tbs = b.BytesOrPanic()
	var cb cryptobyte.Builder
	cb.AddASN1(cbasn1.SEQUENCE, func(b *cryptobyte.Builder) {
		b.AddBytes(tbs)
		b.AddBytes(alg)
		b.AddBytes(sig)
	})
	return cb.BytesOrPanic(), tbs
}

// TestDetectKind tells the four structures apart, v1 certificates and
// TBSs (which lack the version) included, and calls anything else a
// certificate for the parser to reject.
func TestDetectKind(t *testing.T) {
	t.Parallel()
	der := allDERs(t)[0]
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	v1Cert, v1TBS := v1(t, der)
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	csr, err := stdx509.CreateCertificateRequest(rand.Reader, &stdx509.CertificateRequest{DNSNames: []string{"example.org"}}, key)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		der  []byte
		want string
	}{
		{"v3 certificate", der, check.KindCertificate},
		{"v3 TBS", c.RawTBSCertificate, check.KindTBS},
		{"v1 certificate", v1Cert, check.KindCertificate},
		{"v1 TBS", v1TBS, check.KindTBS},
		{"CSR", csr, check.KindCSR},
		{"empty", nil, check.KindCertificate},
		{"empty SEQUENCE", []byte{0x30, 0x00}, check.KindCertificate},
		{"OCTET STRING", []byte{0x04, 0x01, 0x00}, check.KindCertificate},
	} {
		if got := check.DetectKind(tc.der); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
	ch := everyLint(t, nil)
	if rec := ch.CheckTBS("v1.tbs", v1TBS); rec.Error != "" || rec.Kind != check.KindTBS {
		t.Errorf("v1 TBS: kind %q error %q", rec.Kind, rec.Error)
	}
	// A trailing byte after a TBS or a request is an error that says so.
	for _, in := range []check.Cert{
		{Input: "tbs+1", DER: append(append([]byte(nil), c.RawTBSCertificate...), 0)},
		{Input: "csr+1", DER: append(append([]byte(nil), csr...), 0)},
	} {
		if rec := ch.CheckOne(in); !strings.Contains(rec.Error, in.Input+": not a parseable") || !strings.Contains(rec.Error, "trailing") {
			t.Errorf("%s: %q", in.Input, rec.Error)
		}
	}
	if rec := ch.CheckOne(check.Cert{Input: "x", Kind: "crl", DER: der}); !strings.Contains(rec.Error, `unknown kind "crl"`) {
		t.Errorf("unknown kind: %q", rec.Error)
	}
}

// FuzzCheckAnyKind: whatever the bytes and the kind asked for, the engine
// gives exactly one record, never panics, and an error names the input.
func FuzzCheckAnyKind(f *testing.F) {
	der := allDERs(f)[0]
	c, err := x509.ParseCertificate(der)
	if err != nil {
		f.Fatal(err)
	}
	_, key, _ := ed25519.GenerateKey(rand.Reader)
	csr, err := stdx509.CreateCertificateRequest(rand.Reader, &stdx509.CertificateRequest{DNSNames: []string{"example.org"}}, key)
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range [][]byte{der, c.RawTBSCertificate, csr, csr[:len(csr)/2], {0x30, 0x03, 0xa0, 0x01, 0x00}} {
		for k := 0; k < 4; k++ {
			f.Add(seed, uint8(k))
		}
	}
	ch := everyLint(f, nil)
	kinds := []string{"", check.KindCertificate, check.KindTBS, check.KindCSR}
	f.Fuzz(func(t *testing.T, der []byte, k uint8) {
		recs := ch.Check(check.Group{Leaf: check.Cert{Input: "fuzz#0", Kind: kinds[int(k)%len(kinds)], DER: der}})
		if len(recs) != 1 {
			t.Fatalf("%d records", len(recs))
		}
		if recs[0].Error != "" && !strings.HasPrefix(recs[0].Error, "fuzz#0") {
			t.Fatalf("error does not name the input: %q", recs[0].Error)
		}
	})
}
