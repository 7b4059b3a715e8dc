//go:build linux

package integration

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"time"

	"github.com/xmpplint/xmpplint/corpus"
)

// keyAlgorithm is the key type of the test CA and leaves.
type keyAlgorithm string

const (
	algEd25519 keyAlgorithm = "ed25519"
	algECDSA   keyAlgorithm = "ecdsa-p256"
)

// testCA is a private root made for one run.
type testCA struct {
	alg  keyAlgorithm
	cert *x509.Certificate
	key  crypto.Signer
	pem  []byte
}

func newKey(alg keyAlgorithm) (crypto.Signer, error) {
	switch alg {
	case algEd25519:
		_, k, err := ed25519.GenerateKey(rand.Reader)
		return k, err
	case algECDSA:
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	}
	return nil, fmt.Errorf("unknown key algorithm %q", alg)
}

var serialLimit = new(big.Int).Lsh(big.NewInt(1), 120)

func newCA(alg keyAlgorithm) (*testCA, error) {
	key, err := newKey(alg)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, serialLimit)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"xmpplint integration"}, CommonName: "xmpplint integration root"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(60 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &testCA{alg: alg, cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

// leafSpec describes one end-entity certificate: the SANs in order (none:
// no SAN extension), the subject CN (empty: none) and the EKU OIDs (nil: no
// EKU extension).
type leafSpec struct {
	SANs []corpus.GeneralName
	CN   string
	EKU  []asn1.ObjectIdentifier
}

// leaf is an issued certificate with its key, as PEM.
type leaf struct {
	DER     []byte
	CertPEM []byte
	KeyPEM  []byte
}

func (ca *testCA) issue(spec leafSpec) (*leaf, error) {
	key, err := newKey(ca.alg)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, serialLimit)
	if err != nil {
		return nil, err
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"xmpplint integration"}, CommonName: spec.CN},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(30 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	if spec.EKU != nil {
		v, err := asn1.Marshal(spec.EKU)
		if err != nil {
			return nil, err
		}
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: corpus.OIDEKU, Value: v})
	}
	if len(spec.SANs) > 0 {
		var seq []byte
		for _, gn := range spec.SANs {
			seq = append(seq, gn.FullBytes...)
		}
		v, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: seq})
		if err != nil {
			return nil, err
		}
		// Not critical: the subject is never empty (O is always set).
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: corpus.OIDSAN, Value: v})
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return nil, err
	}
	pkcs8, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return &leaf{
		DER:     der,
		CertPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		KeyPEM:  pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: pkcs8}),
	}, nil
}

// write stores the leaf as name.crt, name.key and name.pem (certificate
// then key, the form ejabberd's certfiles take) in dir, readable by all so
// that a server that drops privileges can read them (throw-away keys).
func (l *leaf) write(dir, name string) (crt, key, combined string, err error) {
	crt = filepath.Join(dir, name+".crt")
	key = filepath.Join(dir, name+".key")
	combined = filepath.Join(dir, name+".pem")
	for _, f := range []struct {
		path string
		data []byte
	}{{crt, l.CertPEM}, {key, l.KeyPEM}, {combined, append(append([]byte(nil), l.CertPEM...), l.KeyPEM...)}} {
		if err = os.WriteFile(f.path, f.data, 0o644); err != nil {
			return
		}
	}
	return
}
