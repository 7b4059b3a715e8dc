package profile_test

import (
	"path/filepath"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Extensions for `openssl req -x509 -addext`.
const (
	osslEndEntity = "basicConstraints=critical,CA:FALSE"
	osslServerSAN = "subjectAltName=DNS:example.org,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org"
	osslClientSAN = "subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:juliet@example.org"
	osslOCSP      = "authorityInfoAccess=OCSP;URI:http://ocsp.example.net/"
)

// Key and signature options of `openssl req`.
var (
	ecKey  = []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"}
	rsaKey = []string{"-newkey", "rsa:2048"}
)

// selfSigned runs `openssl req -x509` with the given key and digest
// options, subject and -addext values.
func selfSigned(tb testing.TB, key, digest []string, subj string, exts ...string) *x509.Certificate {
	tb.Helper()
	dir := tb.TempDir()
	args := append([]string{"req", "-x509"}, key...)
	args = append(args, digest...)
	args = append(args, "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "365", "-subj", subj)
	for _, e := range exts {
		args = append(args, "-addext", e)
	}
	ossltest.Run(tb, dir, args...)
	c, _ := ossltest.Load(tb, filepath.Join(dir, "cert.pem"))
	return c
}

// TestOpenSSLMadeCertificates lints certificates made by the real
// `openssl req -x509 -addext`, as a user would make them, and checks what
// each lint of section B says.
func TestOpenSSLMadeCertificates(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	for _, tc := range []struct {
		name        string
		key, digest []string
		subj        string
		exts        []string
		want        map[string]lint.LintStatus
	}{
		{"plain openssl req -x509 with an SRV-ID (cA=TRUE by default)", ecKey, nil, "/CN=example.org", []string{osslServerSAN}, map[string]lint.LintStatus{
			"e_xmpp_end_entity_is_ca":             lint.Error,
			"e_xmpp_ku_missing_digital_signature": lint.NA,
			"w_xmpp_weak_signature_algorithm":     lint.Pass,
			"e_xmpp_strict_subject_empty":         lint.Pass,
			"w_xmpp_strict_no_ocsp_aia":           lint.Warn,
		}},
		{"plain openssl req -x509 with a user XmppAddr (cA=TRUE by default)", ecKey, nil, "/CN=Juliet", []string{osslClientSAN}, map[string]lint.LintStatus{
			"e_xmpp_end_entity_is_ca": lint.Error,
		}},
		{"plain openssl req -x509 with a DNS-ID only: a CA, no XMPP identity", ecKey, nil, "/CN=example.org", []string{"subjectAltName=DNS:example.org"}, map[string]lint.LintStatus{
			"e_xmpp_end_entity_is_ca":         lint.NA,
			"w_xmpp_weak_signature_algorithm": lint.NA,
		}},
		{"end entity with digitalSignature and OCSP", ecKey, nil, "/O=xmpplint", []string{osslEndEntity, osslServerSAN, "keyUsage=critical,digitalSignature", osslOCSP}, map[string]lint.LintStatus{
			"e_xmpp_end_entity_is_ca":             lint.Pass,
			"e_xmpp_ku_missing_digital_signature": lint.Pass,
			"w_xmpp_strict_no_ocsp_aia":           lint.Pass,
		}},
		{"keyUsage keyEncipherment (RSA)", rsaKey, nil, "/O=xmpplint", []string{osslEndEntity, osslServerSAN, "keyUsage=critical,keyEncipherment"}, map[string]lint.LintStatus{
			"e_xmpp_ku_missing_digital_signature": lint.Error,
			"w_xmpp_weak_signature_algorithm":     lint.Pass,
		}},
		{"keyUsage keyAgreement (EC), client", ecKey, nil, "/CN=Juliet", []string{osslEndEntity, osslClientSAN, "keyUsage=critical,keyAgreement"}, map[string]lint.LintStatus{
			"e_xmpp_ku_missing_digital_signature": lint.Error,
		}},
		{"ECDSA with SHA-1", ecKey, []string{"-sha1"}, "/O=xmpplint", []string{osslEndEntity, osslServerSAN}, map[string]lint.LintStatus{
			"w_xmpp_weak_signature_algorithm": lint.Warn,
		}},
		{"RSA with SHA-1", rsaKey, []string{"-sha1"}, "/O=xmpplint", []string{osslEndEntity, osslServerSAN}, map[string]lint.LintStatus{
			"w_xmpp_weak_signature_algorithm": lint.Warn,
		}},
		{"RSA with MD5, client", rsaKey, []string{"-md5"}, "/CN=Juliet", []string{osslEndEntity, osslClientSAN}, map[string]lint.LintStatus{
			"w_xmpp_weak_signature_algorithm": lint.Warn,
		}},
		{"RSASSA-PSS with SHA-1", rsaKey, []string{"-sha1", "-sigopt", "rsa_padding_mode:pss"}, "/O=xmpplint", []string{osslEndEntity, osslServerSAN}, map[string]lint.LintStatus{
			"w_xmpp_weak_signature_algorithm": lint.Warn,
		}},
		{"RSASSA-PSS with SHA-256", rsaKey, []string{"-sha256", "-sigopt", "rsa_padding_mode:pss"}, "/O=xmpplint", []string{osslEndEntity, osslServerSAN}, map[string]lint.LintStatus{
			"w_xmpp_weak_signature_algorithm": lint.Pass,
		}},
		{"empty subject", ecKey, nil, "/", []string{osslEndEntity, "subjectAltName=critical,DNS:example.org,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org"}, map[string]lint.LintStatus{
			"e_xmpp_strict_subject_empty": lint.Error,
		}},
		{"AIA with caIssuers only", ecKey, nil, "/O=xmpplint", []string{osslEndEntity, osslServerSAN, "authorityInfoAccess=caIssuers;URI:http://ca.example.net/ca.der"}, map[string]lint.LintStatus{
			"w_xmpp_strict_no_ocsp_aia": lint.Warn,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert := selfSigned(t, tc.key, tc.digest, tc.subj, tc.exts...)
			v := xmpp.NewCert(cert, xmpp.DefaultOptions())
			for name, want := range tc.want {
				info, ok := xmpp.Lookup(name)
				if !ok {
					t.Fatalf("lint %s not registered", name)
				}
				if got := info.Run(v); got.Status != want {
					t.Errorf("%s = %s (%s), want %s", name, got.Status, got.Details, want)
				}
			}
		})
	}
}
