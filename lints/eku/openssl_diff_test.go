package eku_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	zx509 "github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// The differential test of rules.md K ("OpenSSL purpose rules") and of the
// EKU/keyUsage helpers of lints/xmpp: chains root -> intermediate -> leaf
// with many EKU and keyUsage combinations are verified by the real
// `openssl verify -purpose sslserver|sslclient` at a fixed time, and the
// errors openssl reports must be exactly those predicted() derives from
// xmpp.PassesOpenSSLPurpose, which is built on xmpp.EKU.AllowsSSLServer/
// AllowsSSLClient and xmpp.KeyUsage.AllowsSSLServer/AllowsSSLClient/
// AllowsCertSign: a helper that disagrees with openssl fails here.
// TestOpenSSLPurposeFindings states the answers with openssl's errors
// written out by hand. The keys are Ed25519 from fixed seeds, the dates
// fixed, and openssl runs with -attime, so nothing depends on the clock.
// The error codes are OpenSSL 3's; the test skips without OpenSSL 3 on PATH.

var (
	diffNotBefore = time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	diffNotAfter  = time.Date(2027, time.March, 1, 0, 0, 0, 0, time.UTC)
	// diffAt is the verification time passed to openssl with -attime.
	diffAt = time.Date(2026, time.June, 1, 0, 0, 0, 0, time.UTC)
)

var (
	oidEKU        = asn1.ObjectIdentifier{2, 5, 29, 37}
	oidKU         = asn1.ObjectIdentifier{2, 5, 29, 15}
	oidServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	oidClientAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	oidCodeSign   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 3}
	oidAnyEKU     = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
	oidXmppAddr   = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}
	oidNSSGC      = asn1.ObjectIdentifier{2, 16, 840, 1, 113730, 4, 1}
	oidMSSGC      = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 311, 10, 3, 3}
)

// ekuVariant is one extendedKeyUsage extension, or none.
type ekuVariant struct {
	name     string
	absent   bool
	critical bool
	oids     []asn1.ObjectIdentifier
}

func (e ekuVariant) ext() []pkix.Extension {
	if e.absent {
		return nil
	}
	oids := e.oids
	if oids == nil {
		oids = []asn1.ObjectIdentifier{} // encodes SEQUENCE {}
	}
	v, err := asn1.Marshal(oids)
	if err != nil {
		panic(err) // static OIDs only
	}
	return []pkix.Extension{{Id: oidEKU, Critical: e.critical, Value: v}}
}

var ekuVariants = []ekuVariant{
	{name: "absent", absent: true},
	{name: "serverAuth", oids: []asn1.ObjectIdentifier{oidServerAuth}},
	{name: "clientAuth", oids: []asn1.ObjectIdentifier{oidClientAuth}},
	{name: "serverAuth+clientAuth", oids: []asn1.ObjectIdentifier{oidServerAuth, oidClientAuth}},
	{name: "anyEKU", oids: []asn1.ObjectIdentifier{oidAnyEKU}},
	{name: "anyEKU+serverAuth", oids: []asn1.ObjectIdentifier{oidAnyEKU, oidServerAuth}},
	{name: "anyEKU+clientAuth", oids: []asn1.ObjectIdentifier{oidAnyEKU, oidClientAuth}},
	{name: "id-on-xmppAddr", oids: []asn1.ObjectIdentifier{oidXmppAddr}},
	{name: "id-on-xmppAddr+serverAuth", oids: []asn1.ObjectIdentifier{oidXmppAddr, oidServerAuth}},
	{name: "codeSigning", oids: []asn1.ObjectIdentifier{oidCodeSign}},
	{name: "nsSGC", oids: []asn1.ObjectIdentifier{oidNSSGC}},
	{name: "msSGC", oids: []asn1.ObjectIdentifier{oidMSSGC}},
	{name: "empty-sequence"},
	{name: "serverAuth-critical", critical: true, oids: []asn1.ObjectIdentifier{oidServerAuth}},
	{name: "serverAuth+clientAuth-critical", critical: true, oids: []asn1.ObjectIdentifier{oidServerAuth, oidClientAuth}},
	{name: "anyEKU-critical", critical: true, oids: []asn1.ObjectIdentifier{oidAnyEKU}},
	{name: "anyEKU+serverAuth-critical", critical: true, oids: []asn1.ObjectIdentifier{oidAnyEKU, oidServerAuth}},
}

// kuVariant is one keyUsage extension, or none.
type kuVariant struct {
	name   string
	absent bool
	bits   x509.KeyUsage
}

func (k kuVariant) ext() []pkix.Extension {
	if k.absent {
		return nil
	}
	// KeyUsage ::= BIT STRING, named bits: DER drops trailing zero bits.
	var b [2]byte
	n := 0
	for i := 0; i < 9; i++ {
		if k.bits&(1<<uint(i)) != 0 {
			b[i/8] |= 0x80 >> uint(i%8)
			n = i + 1
		}
	}
	bs := asn1.BitString{Bytes: b[:(n+7)/8], BitLength: n}
	v, err := asn1.Marshal(bs)
	if err != nil {
		panic(err)
	}
	return []pkix.Extension{{Id: oidKU, Critical: true, Value: v}}
}

var leafKUVariants = []kuVariant{
	{name: "absent", absent: true},
	{name: "digitalSignature", bits: x509.KeyUsageDigitalSignature},
	{name: "keyEncipherment", bits: x509.KeyUsageKeyEncipherment},
	{name: "keyAgreement", bits: x509.KeyUsageKeyAgreement},
	{name: "digitalSignature+keyEncipherment", bits: x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment},
	{name: "nonRepudiation", bits: x509.KeyUsageContentCommitment},
	{name: "dataEncipherment", bits: x509.KeyUsageDataEncipherment},
	{name: "no-bits"},
}

var caKUVariants = []kuVariant{
	{name: "certSign+cRLSign+digitalSignature", bits: x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature},
	{name: "certSign+cRLSign", bits: x509.KeyUsageCertSign | x509.KeyUsageCRLSign},
	{name: "absent", absent: true},
	{name: "cRLSign+digitalSignature", bits: x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature},
}

var purposes = []xmpp.OpenSSLPurpose{xmpp.PurposeSSLServer, xmpp.PurposeSSLClient}

func ekuNamed(tb testing.TB, name string) ekuVariant {
	for _, v := range ekuVariants {
		if v.name == name {
			return v
		}
	}
	tb.Fatalf("no EKU variant %q", name)
	return ekuVariant{}
}

func kuNamed(tb testing.TB, name string) kuVariant {
	for _, v := range append(append([]kuVariant(nil), leafKUVariants...), caKUVariants...) {
		if v.name == name {
			return v
		}
	}
	tb.Fatalf("no keyUsage variant %q", name)
	return kuVariant{}
}

// chainSpec is one chain to verify: root -> intermediate -> leaf, or root
// -> leaf when noIntermediate is set. The root is the -CAfile trust anchor
// (no auxiliary trust settings), the intermediate goes in -untrusted.
type chainSpec struct {
	rootEKU, interEKU, leafEKU string
	interKU, leafKU            string
	noIntermediate             bool
}

// defaultSpec is the chain every variant starts from: a root and an
// intermediate without EKU, keyCertSign+cRLSign+digitalSignature, and a
// leaf with serverAuth+clientAuth and digitalSignature.
func defaultSpec() chainSpec {
	return chainSpec{rootEKU: "absent", interEKU: "absent", leafEKU: "serverAuth+clientAuth",
		interKU: "certSign+cRLSign+digitalSignature", leafKU: "digitalSignature"}
}

func (s chainSpec) String() string {
	if s.noIntermediate {
		return fmt.Sprintf("root[eku=%s] -> leaf[eku=%s ku=%s]", s.rootEKU, s.leafEKU, s.leafKU)
	}
	return fmt.Sprintf("root[eku=%s] -> intermediate[eku=%s ku=%s] -> leaf[eku=%s ku=%s]",
		s.rootEKU, s.interEKU, s.interKU, s.leafEKU, s.leafKU)
}

func diffKey(seed string) ed25519.PrivateKey {
	s := sha256.Sum256([]byte("xmpplint openssl diff key: " + seed))
	return ed25519.NewKeyFromSeed(s[:])
}

func diffSerial(name string) *big.Int {
	s := sha256.Sum256([]byte("xmpplint openssl diff serial: " + name))
	s[0] &= 0x7f
	return new(big.Int).SetBytes(s[:12])
}

type builtCert struct {
	der  []byte
	cert *x509.Certificate
	key  ed25519.PrivateKey
}

func makeCert(tb testing.TB, cn string, ca bool, eku ekuVariant, ku kuVariant, parent *builtCert) builtCert {
	tb.Helper()
	key := diffKey(cn)
	tmpl := &x509.Certificate{
		SerialNumber:          diffSerial(cn),
		Subject:               pkix.Name{Organization: []string{"xmpplint openssl diff"}, CommonName: cn},
		NotBefore:             diffNotBefore,
		NotAfter:              diffNotAfter,
		BasicConstraintsValid: true,
		IsCA:                  ca,
	}
	if !ca {
		tmpl.DNSNames = []string{"example.org"}
	}
	tmpl.ExtraExtensions = append(eku.ext(), ku.ext()...)
	issuer, issuerKey := tmpl, key
	if parent != nil {
		issuer, issuerKey = parent.cert, parent.key
	}
	der, err := x509.CreateCertificate(nil, tmpl, issuer, key.Public(), issuerKey)
	if err != nil {
		tb.Fatalf("%s: %v", cn, err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		tb.Fatalf("%s: %v", cn, err)
	}
	return builtCert{der: der, cert: c, key: key}
}

func writePEM(tb testing.TB, path string, ders ...[]byte) {
	tb.Helper()
	var b strings.Builder
	for _, der := range ders {
		b.Write(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
}

// requireOpenSSL3 returns the openssl binary, or skips the test when there
// is none or it is not OpenSSL 3 (1.1 and LibreSSL number the errors
// differently).
func requireOpenSSL3(tb testing.TB) string {
	tb.Helper()
	bin := ossltest.Require(tb)
	out, err := exec.Command(bin, "version").Output()
	if err != nil || !strings.HasPrefix(string(out), "OpenSSL 3.") {
		tb.Skipf("openssl version %q: the differential test needs OpenSSL 3", strings.TrimSpace(string(out)))
	}
	return bin
}

// matrix returns the openssl binary for the exhaustive matrix tests, which
// run a few hundred openssl processes: skipped with -short.
func matrix(tb testing.TB) string {
	tb.Helper()
	if testing.Short() {
		tb.Skip("matrix of openssl runs skipped with -short")
	}
	return requireOpenSSL3(tb)
}

var osslErrorLine = regexp.MustCompile(`(?m)^error (\d+) at (\d+) depth lookup`)

// opensslVerify runs openssl verify and returns the errors it reports as
// "code@depth", in order, or nil when the chain verifies.
func opensslVerify(tb testing.TB, bin, dir, purpose string, untrusted bool) []string {
	tb.Helper()
	args := []string{"verify", "-attime", strconv.FormatInt(diffAt.Unix(), 10), "-purpose", purpose,
		"-CAfile", "root.pem"}
	if untrusted {
		args = append(args, "-untrusted", "inter.pem")
	}
	args = append(args, "leaf.pem")
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	var errs []string
	for _, m := range osslErrorLine.FindAllStringSubmatch(string(out), -1) {
		errs = append(errs, m[1]+"@"+m[2])
	}
	if err == nil && len(errs) > 0 {
		tb.Fatalf("openssl verify succeeded but reported %v:\n%s", errs, out)
	}
	if err != nil && len(errs) == 0 {
		tb.Fatalf("openssl verify failed without a depth error: %v\n%s", err, out)
	}
	return errs
}

// OpenSSL 3.0 verify error codes (include/openssl/x509_vfy.h).
const (
	errNoIssuer       = 20 // X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY
	errInvalidPurpose = 26 // X509_V_ERR_INVALID_PURPOSE
	errNoCertSign     = 32 // X509_V_ERR_KEYUSAGE_NO_CERTSIGN
	errInvalidCA      = 79 // X509_V_ERR_INVALID_CA
)

// predicted returns the errors `openssl verify -purpose` reports for a
// chain (leaf first, trust anchor last), from xmpp.PassesOpenSSLPurpose and
// the keyUsage helpers. OpenSSL walks the chain from the leaf up: a CA
// without keyCertSign is an "invalid CA certificate", a certificate that
// fails the purpose check an "unsuitable certificate purpose"; `openssl
// verify` goes on after both, so every depth is reported. The signatures
// are checked afterwards, from the anchor down, where a CA without
// keyCertSign is reported once more. A keyUsage with no bit set makes
// OpenSSL 3.0 mark the certificate invalid (RFC 5280 4.2.1.3), and an
// invalid leaf is never linked to its issuer.
func predicted(purpose xmpp.OpenSSLPurpose, chain []*zx509.Certificate) []string {
	if ku := xmpp.AnalyzeKeyUsage(chain[0]); ku.Present && ku.Bits == 0 {
		return []string{fmt.Sprintf("%d@0", errNoIssuer)}
	}
	var errs []string
	for depth, c := range chain {
		eku, ku := xmpp.AnalyzeEKU(c), xmpp.AnalyzeKeyUsage(c)
		ca := depth > 0
		if ca && !ku.AllowsCertSign() {
			errs = append(errs, fmt.Sprintf("%d@%d", errInvalidCA, depth))
		}
		if !xmpp.PassesOpenSSLPurpose(eku, ku, purpose, ca) {
			errs = append(errs, fmt.Sprintf("%d@%d", errInvalidPurpose, depth))
		}
	}
	for depth := len(chain) - 1; depth > 0; depth-- {
		if !xmpp.AnalyzeKeyUsage(chain[depth]).AllowsCertSign() {
			errs = append(errs, fmt.Sprintf("%d@%d", errNoCertSign, depth))
		}
	}
	return errs
}

// verifyChain builds the chain of spec in a temporary directory and runs
// openssl verify on it for each purpose. It returns openssl's errors per
// purpose and the chain parsed by zcrypto, leaf first, anchor last.
func verifyChain(t *testing.T, bin string, spec chainSpec) (map[xmpp.OpenSSLPurpose][]string, []*zx509.Certificate) {
	t.Helper()
	dir := t.TempDir()
	label := spec.String()
	caKU := kuNamed(t, "certSign+cRLSign+digitalSignature")
	root := makeCert(t, "root "+label, true, ekuNamed(t, spec.rootEKU), caKU, nil)
	writePEM(t, filepath.Join(dir, "root.pem"), root.der)
	issuer := root
	var ders [][]byte
	if !spec.noIntermediate {
		inter := makeCert(t, "intermediate "+label, true, ekuNamed(t, spec.interEKU), kuNamed(t, spec.interKU), &root)
		writePEM(t, filepath.Join(dir, "inter.pem"), inter.der)
		issuer = inter
		ders = append(ders, inter.der)
	}
	leaf := makeCert(t, "leaf "+label, false, ekuNamed(t, spec.leafEKU), kuNamed(t, spec.leafKU), &issuer)
	writePEM(t, filepath.Join(dir, "leaf.pem"), leaf.der)
	ders = append([][]byte{leaf.der}, ders...)
	ders = append(ders, root.der)
	var chain []*zx509.Certificate
	for _, der := range ders {
		c, err := zx509.ParseCertificate(der)
		if err != nil {
			t.Fatalf("zcrypto: %v", err)
		}
		chain = append(chain, c)
	}
	got := map[xmpp.OpenSSLPurpose][]string{}
	for _, purpose := range purposes {
		got[purpose] = opensslVerify(t, bin, dir, string(purpose), !spec.noIntermediate)
	}
	return got, chain
}

// runDiff verifies spec with openssl and compares with the helpers.
func runDiff(t *testing.T, bin string, spec chainSpec) {
	t.Helper()
	got, chain := verifyChain(t, bin, spec)
	for _, purpose := range purposes {
		want := predicted(purpose, chain)
		if strings.Join(got[purpose], " ") != strings.Join(want, " ") {
			t.Errorf("%s: %s: openssl reports %v, the helpers predict %v", spec, purpose, got[purpose], want)
		}
	}
}

// TestOpenSSLPurposeLeaf varies the leaf's EKU and keyUsage under an
// intermediate and a root without EKU.
func TestOpenSSLPurposeLeaf(t *testing.T) {
	t.Parallel()
	bin := matrix(t)
	for _, eku := range ekuVariants {
		for _, ku := range leafKUVariants {
			spec := defaultSpec()
			spec.leafEKU, spec.leafKU = eku.name, ku.name
			t.Run("eku="+eku.name+"/ku="+ku.name, func(t *testing.T) {
				t.Parallel()
				runDiff(t, bin, spec)
			})
		}
	}
}

// TestOpenSSLPurposeIntermediate varies the intermediate's EKU and keyUsage
// above a leaf with serverAuth+clientAuth.
func TestOpenSSLPurposeIntermediate(t *testing.T) {
	t.Parallel()
	bin := matrix(t)
	for _, eku := range ekuVariants {
		for _, ku := range caKUVariants {
			spec := defaultSpec()
			spec.interEKU, spec.interKU = eku.name, ku.name
			t.Run("eku="+eku.name+"/ku="+ku.name, func(t *testing.T) {
				t.Parallel()
				runDiff(t, bin, spec)
			})
		}
	}
}

// TestOpenSSLPurposeRoot varies the trust anchor's EKU, with and without
// an intermediate.
func TestOpenSSLPurposeRoot(t *testing.T) {
	t.Parallel()
	bin := matrix(t)
	for _, eku := range ekuVariants {
		for _, direct := range []bool{false, true} {
			spec := defaultSpec()
			spec.rootEKU, spec.noIntermediate = eku.name, direct
			t.Run(fmt.Sprintf("eku=%s/direct=%t", eku.name, direct), func(t *testing.T) {
				t.Parallel()
				runDiff(t, bin, spec)
			})
		}
	}
}

// TestOpenSSLPurposeFindings states the answers the rules rely on, with
// openssl's errors written out by hand rather than derived from the
// helpers: each row is one question of rules.md I and K.
func TestOpenSSLPurposeFindings(t *testing.T) {
	t.Parallel()
	bin := requireOpenSSL3(t)
	purpose := func(sslserver, sslclient string) map[xmpp.OpenSSLPurpose]string {
		return map[xmpp.OpenSSLPurpose]string{xmpp.PurposeSSLServer: sslserver, xmpp.PurposeSSLClient: sslclient}
	}
	for _, f := range []struct {
		finding string
		change  func(*chainSpec)
		want    map[xmpp.OpenSSLPurpose]string
	}{
		{"anyEKU alone on an intermediate satisfies neither purpose at CA depth",
			func(s *chainSpec) { s.interEKU = "anyEKU" }, purpose("26@1", "26@1")},
		{"anyEKU with serverAuth on an intermediate: serverAuth counts, anyEKU does not stand in for clientAuth",
			func(s *chainSpec) { s.interEKU = "anyEKU+serverAuth" }, purpose("", "26@1")},
		{"an intermediate without EKU passes both purposes",
			func(s *chainSpec) { s.interEKU = "absent" }, purpose("", "")},
		{"a serverAuth-only intermediate (Let's Encrypt Gen Y) fails sslclient at depth 1 even with clientAuth on the leaf",
			func(s *chainSpec) { s.interEKU = "serverAuth" }, purpose("", "26@1")},
		{"a clientAuth-only intermediate fails sslserver at depth 1",
			func(s *chainSpec) { s.interEKU = "clientAuth" }, purpose("26@1", "")},
		{"an intermediate's keyUsage without digitalSignature does not matter to openssl",
			func(s *chainSpec) { s.interKU = "certSign+cRLSign" }, purpose("", "")},
		{"the trust anchor's EKU is checked too: a serverAuth-only root fails sslclient at depth 2",
			func(s *chainSpec) { s.rootEKU = "serverAuth" }, purpose("", "26@2")},
		{"openssl reports every depth that fails: serverAuth-only leaf and intermediate under sslclient",
			func(s *chainSpec) { s.leafEKU, s.interEKU = "serverAuth", "serverAuth" }, purpose("", "26@0 26@1")},
		{"anyEKU alone on the leaf satisfies neither purpose",
			func(s *chainSpec) { s.leafEKU = "anyEKU" }, purpose("26@0", "26@0")},
		{"a critical EKU changes nothing",
			func(s *chainSpec) { s.leafEKU = "serverAuth-critical" }, purpose("", "26@0")},
		{"id-on-xmppAddr as the only key purpose satisfies neither purpose",
			func(s *chainSpec) { s.leafEKU = "id-on-xmppAddr" }, purpose("26@0", "26@0")},
		{"the obsolete Netscape SGC purpose stands in for serverAuth in sslserver",
			func(s *chainSpec) { s.leafEKU = "nsSGC" }, purpose("", "26@0")},
		{"the obsolete Microsoft SGC purpose stands in for serverAuth in sslserver",
			func(s *chainSpec) { s.leafEKU = "msSGC" }, purpose("", "26@0")},
		{"leaf keyUsage keyEncipherment only: sslserver passes, sslclient fails",
			func(s *chainSpec) { s.leafKU = "keyEncipherment" }, purpose("", "26@0")},
		{"leaf keyUsage keyAgreement only passes both purposes",
			func(s *chainSpec) { s.leafKU = "keyAgreement" }, purpose("", "")},
		{"leaf keyUsage nonRepudiation only fails both purposes",
			func(s *chainSpec) { s.leafKU = "nonRepudiation" }, purpose("26@0", "26@0")},
		{"leaf without keyUsage passes both purposes",
			func(s *chainSpec) { s.leafKU = "absent" }, purpose("", "")},
	} {
		spec := defaultSpec()
		f.change(&spec)
		t.Run(f.finding, func(t *testing.T) {
			t.Parallel()
			got, _ := verifyChain(t, bin, spec)
			for _, p := range purposes {
				if g := strings.Join(got[p], " "); g != f.want[p] {
					t.Errorf("%s: %s: openssl reports %q, want %q", spec, p, g, f.want[p])
				}
			}
		})
	}
}
