package live

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"time"
)

// Roots are the trust anchors a presented chain is verified against.
type Roots struct {
	Pool *x509.CertPool
	// Name says which they are, for reports: "system roots",
	// "system roots + ca.pem", "ca.pem".
	Name string
}

// LoadRoots returns the system's roots (unless system is false) plus the
// certificates of the PEM files given.
func LoadRoots(system bool, files ...string) (Roots, error) {
	var r Roots
	if system {
		pool, err := x509.SystemCertPool()
		if err != nil {
			return r, fmt.Errorf("system roots: %v", err)
		}
		r.Pool, r.Name = pool, "system roots"
		if pool.Equal(x509.NewCertPool()) {
			r.Name = "system roots (none found: install ca-certificates, or name a CA file)"
		}
	} else {
		r.Pool = x509.NewCertPool()
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return r, err
		}
		if !r.Pool.AppendCertsFromPEM(data) {
			return r, fmt.Errorf("%s: no PEM certificate", f)
		}
		if r.Name != "" {
			r.Name += " + "
		}
		r.Name += f
	}
	if r.Name == "" {
		return r, errors.New("no roots: use the system roots or name a CA file")
	}
	return r, nil
}

// Verify checks that certs (a leaf, then what was presented with it)
// chain to one of the roots, every certificate valid at now. It judges
// the path and the dates only: the EKU and the names are the lints' and
// verdicts' business, per direction and verifier.
func Verify(certs [][]byte, roots Roots, now time.Time) error {
	if len(certs) == 0 {
		return errors.New("no certificate")
	}
	leaf, err := x509.ParseCertificate(certs[0])
	if err != nil {
		return fmt.Errorf("Go's x509 cannot parse the leaf: %v", err)
	}
	inter := x509.NewCertPool()
	for _, der := range certs[1:] {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			continue // zcrypto's lints report what Go's parser refuses
		}
		inter.AddCert(c)
	}
	_, err = leaf.Verify(x509.VerifyOptions{Roots: roots.Pool, Intermediates: inter, CurrentTime: now,
		KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}})
	return err
}
