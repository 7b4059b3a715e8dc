package check

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	stdx509 "crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"sync"
)

// CheckTBS lints a DER TBSCertificate as the certificate it would become:
// it is wrapped in a dummy signature of its own signature algorithm, so
// every xmpplint lint gives the result it gives on the signed
// certificate. The record's Kind is KindTBS, its SHA256 the TBS's.
func (ch *Checker) CheckTBS(input string, tbs []byte) Record {
	return ch.CheckOne(Cert{Input: input, Kind: KindTBS, DER: tbs})
}

// CheckCSR lints a DER PKCS#10 certificate request as the certificate a CA
// issues by copying its subject and requested extensions (SAN with SRV-IDs
// and XmppAddrs, EKU, key usage, basicConstraints). The request's
// self-signature is verified first: a request whose signature does not
// verify gets an error record naming the reason. Lints about what a CA
// fills in itself (an EKU when none is requested, AIA, validity, the
// signature algorithm) are NA.
func (ch *Checker) CheckCSR(input string, der []byte) Record {
	return ch.CheckOne(Cert{Input: input, Kind: KindCSR, DER: der})
}

// CheckTemplate lints a crypto/x509 template before it is signed, the way
// Boulder does: it signs tmpl for the subject key pub with a throwaway key
// of the same type as the issuer's, under a copy of issuer whose key is
// the throwaway one, so the issuer name and authority key identifier are
// the real ones; then it lints that certificate. issuer may be nil, for a
// caller that has no issuer certificate at hand (step-ca's webhook): a
// placeholder issuer with an ECDSA P-256 key (or the key type
// tmpl.SignatureAlgorithm names) signs then. The record's Kind is KindTBS
// and its SHA256 is that of the TBSCertificate, which does not depend on
// the throwaway signature.
//
// The error is for what the caller got wrong (no template, no public key,
// a template crypto/x509 refuses to sign); problems in the certificate
// itself are findings in the record.
func (ch *Checker) CheckTemplate(input string, tmpl, issuer *stdx509.Certificate, pub any) (Record, error) {
	if tmpl == nil {
		return Record{}, fmt.Errorf("%s: no template", input)
	}
	if pub == nil {
		return Record{}, fmt.Errorf("%s: no subject public key", input)
	}
	keyType, err := throwawayType(issuer, tmpl.SignatureAlgorithm)
	if err != nil {
		return Record{}, fmt.Errorf("%s: %v", input, err)
	}
	key, err := throwawayKey(keyType)
	if err != nil {
		return Record{}, fmt.Errorf("%s: throwaway %s key: %v", input, keyType, err)
	}
	var parent stdx509.Certificate
	if issuer != nil {
		parent = *issuer
	} else {
		parent = stdx509.Certificate{
			Subject:               pkix.Name{CommonName: "xmpplint throwaway issuer"},
			BasicConstraintsValid: true,
			IsCA:                  true,
			SubjectKeyId:          []byte("xmpplint throwaway issuer"),
		}
	}
	parent.PublicKey = key.Public()
	der, err := stdx509.CreateCertificate(rand.Reader, tmpl, &parent, pub, key)
	if err != nil {
		return Record{}, fmt.Errorf("%s: signing the template with a throwaway key: %v", input, err)
	}
	signed, err := stdx509.ParseCertificate(der)
	if err != nil {
		return Record{}, fmt.Errorf("%s: %v", input, err)
	}
	rec := ch.CheckOne(Cert{Input: input, Kind: KindCertificate, DER: der})
	(&pre{kind: KindTBS, orig: signed.RawTBSCertificate}).finish(&rec)
	if rec.Error != "" {
		rec.Kind = KindTBS
	}
	return rec, nil
}

// throwawayType names the key type the throwaway issuer key must have:
// the issuer's, else the one tmpl's signature algorithm needs, else ECDSA
// P-256.
func throwawayType(issuer *stdx509.Certificate, alg stdx509.SignatureAlgorithm) (string, error) {
	if issuer != nil {
		switch k := issuer.PublicKey.(type) {
		case *ecdsa.PublicKey:
			switch k.Curve {
			case elliptic.P256():
				return "ecdsa-p256", nil
			case elliptic.P384():
				return "ecdsa-p384", nil
			case elliptic.P521():
				return "ecdsa-p521", nil
			}
			return "", fmt.Errorf("issuer key on unsupported curve %s", k.Curve.Params().Name)
		case *rsa.PublicKey:
			return fmt.Sprintf("rsa-%d", k.N.BitLen()), nil
		case ed25519.PublicKey:
			return "ed25519", nil
		}
		return "", fmt.Errorf("issuer key of unsupported type %T", issuer.PublicKey)
	}
	switch alg {
	case stdx509.UnknownSignatureAlgorithm, stdx509.ECDSAWithSHA256:
		return "ecdsa-p256", nil
	case stdx509.ECDSAWithSHA384:
		return "ecdsa-p384", nil
	case stdx509.ECDSAWithSHA512:
		return "ecdsa-p521", nil
	case stdx509.SHA256WithRSA, stdx509.SHA384WithRSA, stdx509.SHA512WithRSA,
		stdx509.SHA256WithRSAPSS, stdx509.SHA384WithRSAPSS, stdx509.SHA512WithRSAPSS:
		return "rsa-2048", nil
	case stdx509.PureEd25519:
		return "ed25519", nil
	}
	return "", fmt.Errorf("template signature algorithm %v is not one a throwaway key is made for", alg)
}

// throwawayKeys caches one key per type for the life of the process:
// Boulder keeps its lint signer the same way, and an RSA key takes a
// noticeable time to make. The keys sign only certificates that are
// linted and dropped.
var throwawayKeys sync.Map // type -> *keyOnce

type keyOnce struct {
	once sync.Once
	key  crypto.Signer
	err  error
}

func throwawayKey(keyType string) (crypto.Signer, error) {
	v, _ := throwawayKeys.LoadOrStore(keyType, new(keyOnce))
	k := v.(*keyOnce)
	k.once.Do(func() { k.key, k.err = newKey(keyType) })
	return k.key, k.err
}

func newKey(keyType string) (crypto.Signer, error) {
	switch keyType {
	case "ecdsa-p256":
		return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "ecdsa-p384":
		return ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "ecdsa-p521":
		return ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	case "ed25519":
		_, k, err := ed25519.GenerateKey(rand.Reader)
		return k, err
	}
	var bits int
	if _, err := fmt.Sscanf(keyType, "rsa-%d", &bits); err == nil {
		if bits < 1024 || bits > 8192 {
			return nil, fmt.Errorf("RSA key of %d bits", bits)
		}
		return rsa.GenerateKey(rand.Reader, bits)
	}
	return nil, errors.New("unknown key type")
}
