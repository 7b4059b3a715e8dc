package check_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// A Go CA (cfssl, step-ca as a library, one's own) lints what it is about
// to sign with the ca profile, and refuses the request on any result above
// pass. docs/ca.md shows this code; its test checks the two agree.
func Example_preIssuance() {
	issuerKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	subjectKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	issuerTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "XMPP Issuing CA"},
		NotBefore: time.Now(), NotAfter: time.Now().AddDate(5, 0, 0), BasicConstraintsValid: true, IsCA: true}
	issuerDER, _ := x509.CreateCertificate(rand.Reader, issuerTmpl, issuerTmpl, issuerKey.Public(), issuerKey)
	issuer, _ := x509.ParseCertificate(issuerDER)

	// ca-api: begin
	ch, err := check.New(check.Config{
		Profile: "ca",                                // only what an issuer must never issue
		Options: xmpp.Options{Role: xmpp.RoleServer}, // what this CA profile issues
	})
	if err != nil {
		panic(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		NotBefore:    time.Now(), NotAfter: time.Now().AddDate(0, 0, 90),
		DNSNames:    []string{"example.org", "*.example.org"},
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}, // a mistake: no serverAuth
		KeyUsage:    x509.KeyUsageDigitalSignature,
	}
	rec, err := ch.CheckTemplate("order-1234", tmpl, issuer, subjectKey.Public())
	if err != nil {
		panic(err) // the template cannot be signed at all
	}
	if rec.Worst() > lint.Pass {
		for _, name := range rec.Findings(lint.Notice) {
			res, _ := rec.Results.Get(name)
			fmt.Println("refused:", name, res.Status)
		}
	}
	// ca-api: end

	tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
	rec, _ = ch.CheckTemplate("order-1235", tmpl, issuer, subjectKey.Public())
	fmt.Println("fixed:", rec.Kind, rec.Worst())
	// Output:
	// refused: e_xmpp_server_eku_client_auth_only error
	// fixed: tbs pass
}
