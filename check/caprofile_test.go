package check_test

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"io/fs"
	"strconv"
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/cacorpus"
)

func caChecker(t testing.TB, profile string) *check.Checker {
	t.Helper()
	ch, err := check.New(check.Config{Profile: profile, Federation: true})
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// above lists a record's findings above pass, or its error.
func above(rec check.Record) string {
	if rec.Error != "" {
		return "error: " + rec.Error
	}
	var out []string
	for _, name := range rec.Findings(lint.Notice) {
		res, _ := rec.Results.Get(name)
		out = append(out, name+" ("+res.Details+")")
	}
	return strings.Join(out, "; ")
}

// TestCAProfileStopsNoGoodIssuance is the proof Boulder's rule needs: on
// certificates as public CAs issue them today (serverAuth-only, DNS-IDs
// only, no CN or a CN among the SANs, ECDSA and RSA, with their chains),
// the ca profile gives no result above pass, whether the certificate, its
// TBS, the template signed with a throwaway key or a request for it is
// linted; the xmpp profile, meant for operators, warns on each of them.
func TestCAProfileStopsNoGoodIssuance(t *testing.T) {
	t.Parallel()
	good, err := cacorpus.Good(48)
	if err != nil {
		t.Fatal(err)
	}
	ca, operator := caChecker(t, "ca"), caChecker(t, "xmpp")
	shapes := map[string]bool{}
	for _, is := range good {
		g := check.Group{Leaf: check.Cert{Input: is.Name, DER: is.DER}}
		for i, der := range is.Chain {
			g.Chain = append(g.Chain, check.Cert{Input: is.Name + "/ca" + string(rune('0'+i)), DER: der})
		}
		recs := ca.Check(g)
		tmplRec, err := ca.CheckTemplate(is.Name, is.Template, is.Issuer, is.Public)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := x509.ParseCertificate(is.DER)
		csr, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{DNSNames: c.DNSNames, Subject: c.Subject}, is.Key)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, tmplRec, ca.CheckTBS(is.Name, c.RawTBSCertificate), ca.CheckCSR(is.Name, csr))
		for _, rec := range recs {
			if rec.Worst() > lint.Pass {
				t.Errorf("%s (%s, %s): ca profile finds %s", rec.Input, rec.Kind, rec.Role, above(rec))
			}
		}
		if recs[0].Role != "server" || recs[0].EKU != "serverAuth-only" || len(recs[0].Chain) != 2 {
			t.Errorf("%s: role %s, EKU %s, chain %v: not the shape meant", is.Name, recs[0].Role, recs[0].EKU, recs[0].Chain)
		}
		if res, _ := operator.CheckOne(check.Cert{Input: is.Name, DER: is.DER}).Results.Get("w_xmpp_s2s_eku_missing_client_auth"); res.Status != lint.Warn {
			t.Errorf("%s: the xmpp profile's w_xmpp_s2s_eku_missing_client_auth is %v, want warn", is.Name, res.Status)
		}
		parts := strings.Split(is.Name, "-")
		shapes[parts[1]+"-"+parts[2]+"/"+parts[3]] = true
		shapes["cn:"+boolWord(c.Subject.CommonName != "")] = true
		shapes["wildcard:"+boolWord(strings.HasPrefix(strings.Join(c.DNSNames, ","), "*") || strings.Contains(strings.Join(c.DNSNames, ","), ",*"))] = true
	}
	// The corpus covers what it claims: both key types under both issuers,
	// with and without a CN, with and without a wildcard.
	for _, want := range []string{"ecdsa-p256/rsa", "rsa-2048/ecdsa", "rsa-2048/rsa", "ecdsa-p384/ecdsa", "cn:yes", "cn:no", "wildcard:yes", "wildcard:no"} {
		if !shapes[want] {
			t.Errorf("no certificate of shape %s among %v", want, shapes)
		}
	}
}

func boolWord(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// TestCAProfileFindsDefects: each issuer's mistake, made on a good
// certificate, gets its finding under the ca profile at the severity the
// lint's name carries, from the certificate and from its template.
func TestCAProfileFindsDefects(t *testing.T) {
	t.Parallel()
	ca := caChecker(t, "ca")
	severity := map[byte]lint.LintStatus{'e': lint.Error, 'w': lint.Warn, 'n': lint.Notice}
	for i, d := range cacorpus.Defects() {
		is, err := cacorpus.WithDefect(i, d)
		if err != nil {
			t.Fatalf("%s: %v", d.Lint, err)
		}
		tmplRec, err := ca.CheckTemplate(is.Name, is.Template, is.Issuer, is.Public)
		if err != nil {
			t.Fatal(err)
		}
		certRec := ca.Check(check.Group{Leaf: check.Cert{Input: is.Name, DER: is.DER},
			Chain: []check.Cert{{Input: "int", DER: is.Chain[0]}}})[0]
		for _, rec := range []check.Record{certRec, tmplRec} {
			res, ok := rec.Results.Get(d.Lint)
			if !ok {
				t.Fatalf("%s is not in the ca profile", d.Lint)
			}
			if res.Status != severity[d.Lint[0]] {
				t.Errorf("%s (%s, %s): %s = %v, want %v; findings: %s", d.About, rec.Kind, rec.Role, d.Lint, res.Status, severity[d.Lint[0]], above(rec))
			}
		}
	}
}

// publicIssuers are the organizations of the public CAs whose real
// certificates corpus/external holds (StartCom, distrusted in 2017 and
// issuing SHA-1 before that, is not among them).
var publicIssuers = []string{"O=Let's Encrypt", "O=DigiCert", "O=Google Trust Services", "O=Amazon",
	"O=GlobalSign", "O=COMODO CA Limited", "O=Sectigo Limited", "O=GeoTrust Inc."}

// TestCAProfileOnRealPublicCertificates: the real certificates public CAs
// issued to XMPP servers and web sites (corpus/external) get no result
// above pass under the ca profile, leaves and CA certificates alike.
func TestCAProfileOnRealPublicCertificates(t *testing.T) {
	t.Parallel()
	ca := caChecker(t, "ca")
	n := 0
	err := fs.WalkDir(corpus.External(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".pem") {
			return err
		}
		data, err := fs.ReadFile(corpus.External(), p)
		if err != nil {
			return err
		}
		for i := 0; ; i++ {
			var b *pem.Block
			if b, data = pem.Decode(data); b == nil {
				break
			}
			rec := ca.CheckOne(check.Cert{Input: p + "#" + strconv.Itoa(i), DER: b.Bytes})
			public := false
			for _, o := range publicIssuers {
				public = public || strings.Contains(rec.Issuer, o)
			}
			if !public {
				continue
			}
			n++
			if rec.Worst() > lint.Pass {
				t.Errorf("%s (%s, issued by %s): %s", rec.Input, rec.Role, rec.Issuer, above(rec))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Fatalf("only %d certificates from public CAs", n)
	}
	t.Logf("%d certificates from public CAs, none with a result above pass", n)
}
