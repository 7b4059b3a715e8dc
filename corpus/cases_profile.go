package corpus

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
)

// The lints of rules.md section B, for the Expect maps below.
const (
	lintEndEntityIsCA     = "e_xmpp_end_entity_is_ca"
	lintKUNoDigitalSig    = "e_xmpp_ku_missing_digital_signature"
	lintWeakSignature     = "w_xmpp_weak_signature_algorithm"
	lintStrictSubjectNone = "e_xmpp_strict_subject_empty"
	lintStrictNoOCSP      = "w_xmpp_strict_no_ocsp_aia"
)

// Signature algorithm OIDs the profile cases name (the signature itself is
// Ed25519 and does not verify: see Template.SignatureOID).
var (
	oidECDSAWithSHA1  = asn1.ObjectIdentifier{1, 2, 840, 10045, 4, 1}
	oidDSAWithSHA1    = asn1.ObjectIdentifier{1, 2, 840, 10040, 4, 3}
	oidSHA256WithRSA  = asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 11}
	oidISOSHA1WithRSA = asn1.ObjectIdentifier{1, 3, 14, 3, 2, 29}
)

// profileCases exercise the lints of rules.md section B. Key usage and general profile
var profileCases = []Case{
	{
		Name:  "profile-server-is-ca",
		About: "a server certificate with SRV-IDs and basicConstraints cA=TRUE, as `openssl req -x509` and servers' own tools make them",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.IsCA = true
		},
		Expect: map[string]Status{
			lintEndEntityIsCA:  Error,
			lintKUNoDigitalSig: Pass,
		},
	},
	{
		Name:  "profile-client-is-ca",
		About: "a client certificate (XmppAddr juliet@example.org) with basicConstraints cA=TRUE",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.IsCA = true
		},
		Expect: map[string]Status{
			lintEndEntityIsCA: Error,
		},
	},
	{
		Name:  "profile-dnsid-only-is-ca",
		About: "a cA=TRUE certificate whose only identity is a DNS-ID: a CA as far as XMPP can tell, so the end-entity rule does not apply",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.IsCA = true
			t.SANs = []GeneralName{DNS("example.org")}
		},
		Expect: map[string]Status{
			lintEndEntityIsCA:  NA,
			lintKUNoDigitalSig: NA,
		},
	},
	{
		Name:  "profile-ca",
		About: "an intermediate CA certificate: no XMPP identity, CA role, so none of the profile lints applies",
		Base:  CABase,
		Expect: map[string]Status{
			lintEndEntityIsCA:     NA,
			lintKUNoDigitalSig:    NA,
			lintWeakSignature:     NA,
			lintStrictSubjectNone: NA,
			lintStrictNoOCSP:      NA,
		},
	},
	{
		Name:  "profile-ku-key-encipherment-only",
		About: "a server certificate whose keyUsage is keyEncipherment only (an RSA-era profile): no TLS 1.3 signing, and OpenSSL's sslclient purpose rejects it",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.KeyUsage = x509.KeyUsageKeyEncipherment
		},
		Expect: map[string]Status{
			lintKUNoDigitalSig: Error,
		},
	},
	{
		Name:  "profile-ku-key-agreement-only",
		About: "a client certificate whose keyUsage is keyAgreement only: OpenSSL's sslclient purpose accepts it, but the key cannot sign a TLS 1.3 CertificateVerify",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.KeyUsage = x509.KeyUsageKeyAgreement
		},
		Expect: map[string]Status{
			lintKUNoDigitalSig: Error,
		},
	},
	{
		Name:  "profile-ku-digital-signature-key-encipherment",
		About: "a server certificate whose keyUsage is digitalSignature and keyEncipherment",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.KeyUsage = x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment
		},
		Expect: map[string]Status{
			lintKUNoDigitalSig: Pass,
		},
	},
	{
		Name:  "profile-ku-absent",
		About: "a server certificate without a keyUsage extension",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.KeyUsage = 0
		},
		Expect: map[string]Status{
			lintKUNoDigitalSig: NA,
		},
	},
	{
		Name:  "profile-sig-sha1-rsa",
		About: "a server certificate whose signature algorithm is sha1WithRSAEncryption",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SignatureOID = OIDSHA1WithRSA
		},
		Expect: map[string]Status{
			lintWeakSignature: Warn,
		},
	},
	{
		Name:  "profile-sig-sha1-rsa-iso-oid",
		About: "a server certificate whose signature algorithm is the ISO OID of SHA-1 with RSA (1.3.14.3.2.29)",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SignatureOID = oidISOSHA1WithRSA
		},
		Expect: map[string]Status{
			lintWeakSignature: Warn,
		},
	},
	{
		Name:  "profile-sig-md5-rsa",
		About: "a client certificate whose signature algorithm is md5WithRSAEncryption",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.SignatureOID = OIDMD5WithRSA
		},
		Expect: map[string]Status{
			lintWeakSignature: Warn,
		},
	},
	{
		Name:  "profile-sig-ecdsa-sha1",
		About: "a server certificate whose signature algorithm is ecdsa-with-SHA1",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SignatureOID = oidECDSAWithSHA1
		},
		Expect: map[string]Status{
			lintWeakSignature: Warn,
		},
	},
	{
		Name:  "profile-sig-dsa-sha1",
		About: "a server certificate whose signature algorithm is id-dsa-with-sha1",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SignatureOID = oidDSAWithSHA1
		},
		Expect: map[string]Status{
			lintWeakSignature: Warn,
		},
	},
	{
		Name:  "profile-sig-sha256-rsa",
		About: "a server certificate whose signature algorithm is sha256WithRSAEncryption",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SignatureOID = oidSHA256WithRSA
		},
		Expect: map[string]Status{
			lintWeakSignature: Pass,
		},
	},
	{
		Name:  "profile-subject-empty",
		About: "a server certificate with an empty subject and a critical subjectAltName, as RFC 5280 allows and RFC 6120 13.7.1.1 does not",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.Subject = pkix.Name{}
			t.SANCritical = true
		},
		Expect: map[string]Status{
			lintStrictSubjectNone: Error,
			lintStrictNoOCSP:      Pass,
		},
	},
	{
		Name:  "profile-subject-empty-client",
		About: "a client certificate with an empty subject and a critical subjectAltName holding its XmppAddr",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.Subject = pkix.Name{}
			t.SANCritical = true
		},
		Expect: map[string]Status{
			lintStrictSubjectNone: Error,
		},
	},
	{
		Name:  "profile-no-aia",
		About: "a server certificate without an Authority Information Access extension",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.OCSPServer = nil
		},
		Expect: map[string]Status{
			lintStrictNoOCSP:      Warn,
			lintStrictSubjectNone: Pass,
		},
	},
	{
		Name:  "profile-aia-ca-issuers-only",
		About: "a client certificate whose Authority Information Access has a caIssuers entry but no OCSP responder",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.OCSPServer = nil
			t.X509.IssuingCertificateURL = []string{"http://ca.example.net/root.der"}
		},
		Expect: map[string]Status{
			lintStrictNoOCSP: Warn,
		},
	},
}
