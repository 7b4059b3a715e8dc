package server

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"go/build"
	"io"
	"math/big"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xmpplint/xmpplint/corpus"
)

// stepCABinary finds step-ca: $XMPPLINT_STEP_CA, PATH, then
// $(go env GOPATH)/bin where scripts/step-ca installs it. Under CI=true a
// missing step-ca fails the test.
func stepCABinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("XMPPLINT_STEP_CA"); p != "" {
		return p
	}
	if p, err := exec.LookPath("step-ca"); err == nil {
		return p
	}
	gopath := os.Getenv("GOPATH")
	if gopath == "" {
		gopath = build.Default.GOPATH
	}
	for _, dir := range filepath.SplitList(gopath) {
		p := filepath.Join(dir, "bin", "step-ca")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("step-ca not found (PATH, $(go env GOPATH)/bin): run scripts/step-ca")
	}
	t.Skip("step-ca not installed; scripts/step-ca builds it")
	return ""
}

// testPKI is the CA the test gives step-ca: a root and an intermediate,
// P-256, files in dir.
type testPKI struct {
	root, inter       *x509.Certificate
	rootKey, interKey *ecdsa.PrivateKey
	dir               string
}

func newTestPKI(t *testing.T, dir string) *testPKI {
	t.Helper()
	p := &testPKI{dir: dir}
	var err error
	p.rootKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	p.interKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	now := time.Now()
	rootT := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "xmpplint test root"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, BasicConstraintsValid: true, IsCA: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, rootT, rootT, p.rootKey.Public(), p.rootKey)
	if err != nil {
		t.Fatal(err)
	}
	p.root, _ = x509.ParseCertificate(der)
	interT := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "xmpplint test intermediate"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageCRLSign, BasicConstraintsValid: true, IsCA: true, MaxPathLenZero: true,
	}
	der, err = x509.CreateCertificate(rand.Reader, interT, p.root, p.interKey.Public(), p.rootKey)
	if err != nil {
		t.Fatal(err)
	}
	p.inter, _ = x509.ParseCertificate(der)
	writePEM(t, filepath.Join(dir, "root_ca.crt"), "CERTIFICATE", p.root.Raw)
	writePEM(t, filepath.Join(dir, "intermediate_ca.crt"), "CERTIFICATE", p.inter.Raw)
	k, _ := x509.MarshalECPrivateKey(p.interKey)
	writePEM(t, filepath.Join(dir, "intermediate_ca_key"), "EC PRIVATE KEY", k)
	return p
}

// serverCert issues the webhook server's TLS certificate for 127.0.0.1
// from the root step-ca trusts for its webhook calls.
func (p *testPKI) serverCert(t *testing.T) (certFile, keyFile string) {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(3), Subject: pkix.Name{CommonName: "xmpplint serve"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.root, key.Public(), p.rootKey)
	if err != nil {
		t.Fatal(err)
	}
	certFile, keyFile = filepath.Join(p.dir, "serve.crt"), filepath.Join(p.dir, "serve.key")
	writePEM(t, certFile, "CERTIFICATE", der)
	k, _ := x509.MarshalECPrivateKey(key)
	writePEM(t, keyFile, "EC PRIVATE KEY", k)
	return certFile, keyFile
}

func writePEM(t *testing.T, path, label string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

// b64u is JOSE's base64url without padding.
func b64u(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// ecJWK is a P-256 public key as a JWK, with its RFC 7638 thumbprint as
// the kid (step-ca's JWK provisioners use it).
func ecJWK(pub *ecdsa.PublicKey) (map[string]string, string) {
	x := make([]byte, 32)
	y := make([]byte, 32)
	pub.X.FillBytes(x)
	pub.Y.FillBytes(y)
	thumb := sha256.Sum256([]byte(fmt.Sprintf(`{"crv":"P-256","kty":"EC","x":"%s","y":"%s"}`, b64u(x), b64u(y))))
	kid := b64u(thumb[:])
	return map[string]string{"kty": "EC", "crv": "P-256", "x": b64u(x), "y": b64u(y), "kid": kid, "use": "sig", "alg": "ES256"}, kid
}

// signJWT makes a compact ES256 JWS of claims under header.
func signJWT(t *testing.T, key *ecdsa.PrivateKey, header, claims map[string]any) string {
	t.Helper()
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	input := b64u(h) + "." + b64u(c)
	sum := sha256.Sum256([]byte(input))
	r, s, err := ecdsa.Sign(rand.Reader, key, sum[:])
	if err != nil {
		t.Fatal(err)
	}
	sig := make([]byte, 64)
	r.FillBytes(sig[:32])
	s.FillBytes(sig[32:])
	return input + "." + b64u(sig)
}

func jti() string {
	b := make([]byte, 16)
	rand.Read(b)
	return b64u(b)
}

// TestStepCAIssuesAndRefuses runs the real step-ca on loopback with a JWK
// provisioner whose authorizing webhook (added through step-ca's admin
// API, which makes the webhook secret) is xmpplint serve's /stepca,
// served by this package over TLS. A good XMPP server certificate is
// issued; a request with a malformed SRV-ID and one for a clientAuth-only
// server certificate are refused, and the refusal names the lint.
func TestStepCAIssuesAndRefuses(t *testing.T) {
	bin := stepCABinary(t)
	dir := t.TempDir()
	pki := newTestPKI(t, dir)
	roots := x509.NewCertPool()
	roots.AddCert(pki.root)

	// The webhook server's listener first: its address goes in the URL.
	whLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	caAddr := freeAddr(t)

	provKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	jwk, kid := ecJWK(&provKey.PublicKey)
	cfg := map[string]any{
		"root":     filepath.Join(dir, "root_ca.crt"),
		"crt":      filepath.Join(dir, "intermediate_ca.crt"),
		"key":      filepath.Join(dir, "intermediate_ca_key"),
		"address":  caAddr,
		"dnsNames": []string{"127.0.0.1"},
		"logger":   map[string]string{"format": "text"},
		"db":       map[string]string{"type": "bbolt", "dataSource": filepath.Join(dir, "db")},
		"authority": map[string]any{
			"enableAdmin": true,
			"provisioners": []any{map[string]any{
				"type": "JWK", "name": "xmpp", "key": jwk,
				"options": map[string]any{"x509": map[string]any{"template": StepCATemplate}},
			}},
		},
		"tls": map[string]any{"minVersion": 1.2, "maxVersion": 1.3, "renegotiation": false},
	}
	cfgJSON, _ := json.MarshalIndent(cfg, "", "  ")
	cfgFile := filepath.Join(dir, "ca.json")
	os.WriteFile(cfgFile, cfgJSON, 0o600)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var caLog syncBuffer
	cmd := exec.CommandContext(ctx, bin, cfgFile)
	cmd.Stdout, cmd.Stderr = &caLog, &caLog
	cmd.Env = append(os.Environ(), "STEPPATH="+filepath.Join(dir, "steppath"), "HOME="+dir)
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cancel()
		cmd.Wait()
		if t.Failed() {
			t.Logf("step-ca log:\n%s", caLog.String())
		}
	}()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	base := "https://" + caAddr
	waitHealthy(t, client, base+"/health", &caLog)

	// An admin certificate for the super admin "step" that step-ca made
	// for the first JWK provisioner, issued through that provisioner.
	adminKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	adminCSR := makeCSR(t, adminKey, pkix.Name{CommonName: "step"}, []pkix.Extension{
		sanExt(t, corpus.DNS("step")),
		corpus.EKUExtension(false, corpus.OIDEKUClientAuth),
		kuDigitalSignature(t),
	})
	code, resp := stepSign(t, client, base, provKey, kid, "step", []string{"step"}, adminCSR)
	if code != http.StatusCreated {
		t.Fatalf("admin certificate: %d %s", code, resp)
	}
	adminCert := firstCert(t, resp)

	// Add the authorizing webhook through the admin API: step-ca makes its
	// secret and answers it once.
	whURL := "https://" + whLn.Addr().String() + "/stepca?role=server"
	path := "/admin/provisioners/xmpp/webhooks"
	tok := signJWT(t, adminKey, map[string]any{"alg": "ES256", "typ": "JWT", "x5c": []string{base64.StdEncoding.EncodeToString(adminCert.Raw), base64.StdEncoding.EncodeToString(pki.inter.Raw)}},
		map[string]any{"iss": "step-admin-client/1.0", "sub": "step", "aud": "https://127.0.0.1" + path,
			"iat": time.Now().Unix(), "nbf": time.Now().Add(-time.Minute).Unix(), "exp": time.Now().Add(5 * time.Minute).Unix(), "jti": jti()})
	body, _ := json.Marshal(map[string]string{"name": "xmpplint", "url": whURL, "kind": "AUTHORIZING", "certType": "X509"})
	req, _ := http.NewRequest(http.MethodPost, base+path, bytes.NewReader(body))
	req.Header.Set("Authorization", tok)
	req.Header.Set("Content-Type", "application/json")
	hr, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	whResp, _ := io.ReadAll(hr.Body)
	hr.Body.Close()
	var wh struct{ Secret string }
	if hr.StatusCode != http.StatusCreated || json.Unmarshal(whResp, &wh) != nil || wh.Secret == "" {
		t.Fatalf("adding the webhook: %d %s", hr.StatusCode, whResp)
	}
	secretFile := filepath.Join(dir, "webhook.secret")
	os.WriteFile(secretFile, []byte(wh.Secret+"\n"), 0o600)

	// xmpplint serve, as the command runs it, on the listener opened above.
	certFile, keyFile := pki.serverCert(t)
	var serveLog syncBuffer
	s, err := New(Options{Listen: whLn.Addr().String(), TLSCert: certFile, TLSKey: keyFile, WebhookSecretFile: secretFile}, nil, nil, newJSONLogger(&serveLog))
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, whLn, nil) }()

	xmppSANs := []corpus.GeneralName{corpus.DNS("xmpp.example.org"), corpus.SRV("_xmpp-server.xmpp.example.org"), corpus.SRV("_xmpp-client.xmpp.example.org")}
	for _, tc := range []struct {
		name    string
		sans    []corpus.GeneralName
		eku     []asn1.ObjectIdentifier
		refused string // the lint the refusal names; "" for issued
	}{
		{"good server certificate", xmppSANs, []asn1.ObjectIdentifier{corpus.OIDEKUServerAuth}, ""},
		{"malformed SRV-ID", []corpus.GeneralName{corpus.DNS("xmpp.example.org"), corpus.SRV("*.xmpp.example.org")}, []asn1.ObjectIdentifier{corpus.OIDEKUServerAuth}, "e_xmpp_srvname_malformed"},
		{"clientAuth-only server certificate", xmppSANs, []asn1.ObjectIdentifier{corpus.OIDEKUClientAuth}, "e_xmpp_server_eku_client_auth_only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			csr := makeCSR(t, key, pkix.Name{}, []pkix.Extension{sanExt(t, tc.sans...), corpus.EKUExtension(false, tc.eku...), kuDigitalSignature(t)})
			before := serveLog.Len()
			code, resp := stepSign(t, client, base, provKey, kid, "xmpp.example.org", []string{"xmpp.example.org"}, csr)
			if tc.refused == "" {
				if code != http.StatusCreated {
					t.Fatalf("want issued, got %d %s", code, resp)
				}
				c := firstCert(t, resp)
				if c.Issuer.CommonName != "xmpplint test intermediate" {
					t.Errorf("issued certificate: issuer %s", c.Issuer)
				}
				// The SRV-IDs the webhook passed are in what step-ca signed.
				if !bytes.Contains(c.Raw, []byte("_xmpp-server.xmpp.example.org")) || !bytes.Contains(c.Raw, []byte("_xmpp-client.xmpp.example.org")) {
					t.Errorf("issued certificate lacks the requested SRV-IDs")
				}
				if !strings.Contains(serveLog.String()[before:], `"allow":true`) {
					t.Errorf("the webhook was not asked:\n%s", serveLog.String()[before:])
				}
				return
			}
			if code != http.StatusForbidden {
				t.Fatalf("want refused (403), got %d %s", code, resp)
			}
			// step-ca logs the webhook's reason; xmpplint logs its findings.
			waitFor(t, func() bool { return strings.Contains(caLog.String(), tc.refused) }, "step-ca's log naming "+tc.refused)
			if testing.Verbose() {
				for _, line := range strings.Split(caLog.String(), "\n") {
					if strings.Contains(line, tc.refused) {
						t.Logf("step-ca: %.400s", line[strings.Index(line, "error="):])
					}
				}
			}
			if got := serveLog.String()[before:]; !strings.Contains(got, `"allow":false`) || !strings.Contains(got, tc.refused) {
				t.Errorf("xmpplint's log does not name %s:\n%s", tc.refused, got)
			}
		})
	}
	cancel()
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
}

// stepSign asks step-ca's /1.0/sign for a certificate with a JWK
// provisioner token.
func stepSign(t *testing.T, client *http.Client, base string, key *ecdsa.PrivateKey, kid, sub string, sans []string, csr []byte) (int, []byte) {
	t.Helper()
	now := time.Now()
	ott := signJWT(t, key, map[string]any{"alg": "ES256", "typ": "JWT", "kid": kid},
		map[string]any{"iss": "xmpp", "sub": sub, "aud": base + "/1.0/sign", "sans": sans,
			"iat": now.Unix(), "nbf": now.Add(-time.Minute).Unix(), "exp": now.Add(5 * time.Minute).Unix(), "jti": jti()})
	body, _ := json.Marshal(map[string]string{"csr": string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE REQUEST", Bytes: csr})), "ott": ott})
	resp, err := client.Post(base+"/1.0/sign", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func firstCert(t *testing.T, signResp []byte) *x509.Certificate {
	t.Helper()
	var r struct {
		Crt string `json:"crt"`
	}
	if err := json.Unmarshal(signResp, &r); err != nil {
		t.Fatalf("sign response: %v %s", err, signResp)
	}
	blk, _ := pem.Decode([]byte(r.Crt))
	if blk == nil {
		t.Fatalf("no certificate in %s", signResp)
	}
	c, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func makeCSR(t *testing.T, key crypto.Signer, subject pkix.Name, exts []pkix.Extension) []byte {
	t.Helper()
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: subject, ExtraExtensions: exts}, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func sanExt(t *testing.T, gns ...corpus.GeneralName) pkix.Extension {
	var seq []byte
	for _, gn := range gns {
		seq = append(seq, gn.FullBytes...)
	}
	v, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: seq})
	if err != nil {
		t.Fatal(err)
	}
	return pkix.Extension{Id: corpus.OIDSAN, Value: v}
}

func kuDigitalSignature(t *testing.T) pkix.Extension {
	v, err := asn1.Marshal(asn1.BitString{Bytes: []byte{0x80}, BitLength: 1})
	if err != nil {
		t.Fatal(err)
	}
	return pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 15}, Critical: true, Value: v}
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitHealthy(t *testing.T, client *http.Client, url string, log *syncBuffer) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("step-ca did not become healthy at %s:\n%s", url, log.String())
}

func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for i := 0; i < 50; i++ {
		if cond() {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Errorf("no %s", what)
}

// syncBuffer is a bytes.Buffer safe for a process's output and readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (s *syncBuffer) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Len()
}
