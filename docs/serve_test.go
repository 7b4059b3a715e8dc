package docs_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"flag"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/server"
)

// serveOptions parses a documented `xmpplint serve` command line with
// the flags the command binds (server.Options.RegisterFlags).
func serveOptions(t *testing.T, block string) server.Options {
	t.Helper()
	line := strings.TrimSpace(block)
	args, ok := strings.CutPrefix(line, "xmpplint serve ")
	if !ok {
		t.Fatalf("not an xmpplint serve command: %q", line)
	}
	var o server.Options
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	o.RegisterFlags(fs)
	if err := fs.Parse(strings.Fields(args)); err != nil {
		t.Fatalf("%q: %v", line, err)
	}
	if fs.NArg() != 0 {
		t.Fatalf("%q: stray arguments %q", line, fs.Args())
	}
	return o
}

// TestCADocServe runs the snippets of docs/ca.md's serve, pkimetal and
// step-ca sections: the command lines parse with serve's flags and give a
// valid server, the documented pkimetal request gets the documented
// answer, Boulder's pkimetal lint table has Boulder's keys and a severity
// the server takes, and the step-ca template is server.StepCATemplate.
func TestCADocServe(t *testing.T) {
	doc := readCADoc(t)

	o := serveOptions(t, fence(t, doc, "`xmpplint serve`", "sh serve"))
	if o.Listen != "unix:/run/xmpplint/lint.sock" || o.Monitor == "" {
		t.Errorf("serve command: %+v", o)
	}
	s, err := server.New(o, nil, nil, nil)
	if err != nil {
		t.Fatalf("serve command: %v", err)
	}

	// The pkimetal request and its answer.
	curl := fence(t, doc, "pkimetal", "sh pkimetal")
	if !strings.Contains(curl, "--data-urlencode b64input@") || !strings.Contains(curl, "http://xmpplint/lintcert") || !strings.Contains(curl, "--unix-socket "+strings.TrimPrefix(o.Listen, "unix:")) {
		t.Errorf("pkimetal request: %s", curl)
	}
	ders, err := corpus.Load("srvid-no-service-label")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	resp, err := http.PostForm(ts.URL+"/lintcert", url.Values{"b64input": {base64.StdEncoding.EncodeToString(ders[0])}})
	if err != nil {
		t.Fatal(err)
	}
	var got, want []map[string]string
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := json.Unmarshal([]byte(fence(t, doc, "pkimetal", "json pkimetal")), &want); err != nil {
		t.Fatalf("the documented answer: %v", err)
	}
	version := regexp.MustCompile(`Version: [^;]*`)
	for _, rows := range [][]map[string]string{got, want} {
		for _, r := range rows {
			r["Finding"] = version.ReplaceAllString(r["Finding"], "Version: X")
		}
	}
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if !bytes.Equal(gj, wj) {
		t.Errorf("pkimetal answer:\n got %s\nwant %s", gj, wj)
	}

	// Boulder's pkimetal lint configuration (linter/pkimetal.Config's toml
	// keys): the socket is the documented listener.
	var cfg map[string]struct {
		Socket      string   `toml:"socket"`
		Severity    string   `toml:"severity"`
		Timeout     int64    `toml:"timeout"`
		IgnoreLints []string `toml:"ignore_lints"`
	}
	if err := toml.Unmarshal([]byte(fence(t, doc, "pkimetal", "toml boulder-pkimetal")), &cfg); err != nil {
		t.Fatalf("Boulder's table: %v", err)
	}
	b, ok := cfg["e_pkimetal_lint_cabf_serverauth_cert"]
	if !ok || b.Timeout != int64(100*time.Millisecond) || b.IgnoreLints == nil || "unix:"+b.Socket != o.Listen {
		t.Fatalf("Boulder's table: %+v (serve listens on %s)", cfg, o.Listen)
	}
	resp, err = http.PostForm(ts.URL+"/lintcert", url.Values{"b64input": {base64.StdEncoding.EncodeToString(ders[0])}, "severity": {b.Severity}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || b.Severity == "meta" {
		t.Errorf("severity %q: status %d", b.Severity, resp.StatusCode)
	}

	// step-ca: the webhook's URL, the serve command with TLS and the
	// secret, the template.
	step := fence(t, doc, "step-ca", "sh step-ca")
	if !strings.Contains(step, "/stepca?") || !strings.Contains(step, "--kind AUTHORIZING") || !strings.Contains(step, "--cert-type X509") {
		t.Errorf("step-ca commands: %s", step)
	}
	o = serveOptions(t, fence(t, doc, "step-ca", "sh serve-step-ca"))
	if o.TLSCert == "" || o.TLSKey == "" || o.WebhookSecretFile == "" {
		t.Fatalf("serve for step-ca: %+v", o)
	}
	// The same options with files that exist.
	dir := t.TempDir()
	o.TLSCert, o.TLSKey, o.WebhookSecretFile = tlsFiles(t, dir)
	if _, err := server.New(o, nil, nil, nil); err != nil {
		t.Errorf("serve for step-ca: %v", err)
	}
	if tmpl := fence(t, doc, "step-ca", "json step-ca-template"); strings.TrimSpace(tmpl) != strings.TrimSpace(server.StepCATemplate) {
		t.Errorf("the documented template is not server.StepCATemplate:\n%s", tmpl)
	}
}

func tlsFiles(t *testing.T, dir string) (cert, key, secret string) {
	t.Helper()
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "lint.example.net"}, DNSNames: []string{"lint.example.net"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, k.Public(), k)
	if err != nil {
		t.Fatal(err)
	}
	kd, _ := x509.MarshalECPrivateKey(k)
	cert, key, secret = filepath.Join(dir, "serve.crt"), filepath.Join(dir, "serve.key"), filepath.Join(dir, "webhook.secret")
	os.WriteFile(cert, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(key, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kd}), 0o600)
	os.WriteFile(secret, []byte(base64.StdEncoding.EncodeToString(make([]byte, 64))+"\n"), 0o600)
	return cert, key, secret
}
