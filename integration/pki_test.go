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
// EKU extension). With Intermediate set, the leaf is issued by an
// intermediate CA made for it, with the EKU OIDs IntermediateEKU (nil: no
// EKU extension), and presented after it.
type leafSpec struct {
	SANs            []corpus.GeneralName
	CN              string
	EKU             []asn1.ObjectIdentifier
	Intermediate    bool
	IntermediateEKU []asn1.ObjectIdentifier
}

// leaf is an issued certificate with its key, as PEM; CertPEM holds the
// chain presented after it too (nearest first), Chain its DER.
type leaf struct {
	DER     []byte
	Chain   [][]byte
	CertPEM []byte
	KeyPEM  []byte
}

// intermediate issues a CA certificate under ca with the EKU OIDs eku (nil:
// no EKU extension), and returns it as a CA that issues with its key.
func (ca *testCA) intermediate(eku []asn1.ObjectIdentifier) (*testCA, error) {
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
		Subject:               pkix.Name{Organization: []string{"xmpplint integration"}, CommonName: "xmpplint integration intermediate " + serial.Text(16)},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(45 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	if eku != nil {
		v, err := asn1.Marshal(eku)
		if err != nil {
			return nil, err
		}
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: corpus.OIDEKU, Value: v})
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return nil, err
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	return &testCA{alg: ca.alg, cert: cert, key: key, pem: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}, nil
}

func (ca *testCA) issue(spec leafSpec) (*leaf, error) {
	if spec.Intermediate {
		sub, err := ca.intermediate(spec.IntermediateEKU)
		if err != nil {
			return nil, err
		}
		spec.Intermediate = false
		l, err := sub.issue(spec)
		if err != nil {
			return nil, err
		}
		l.Chain = append(l.Chain, sub.cert.Raw)
		l.CertPEM = append(l.CertPEM, sub.pem...)
		return l, nil
	}
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

// write stores the leaf as name.crt (with its chain), name.key and name.pem
// (certificate, chain, then key: the form ejabberd's certfiles take) in dir, readable by all so
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
