package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

// FuzzEndpoints: whatever the body, every endpoint answers with a status
// below 500 and a body in its format (pkimetal's array, a record a line,
// or a JSON error), and never panics.
func FuzzEndpoints(f *testing.F) {
	der := corpusDER(f, "srvid-no-service-label")
	f.Add([]byte(base64.StdEncoding.EncodeToString(der)), "application/x-www-form-urlencoded")
	f.Add(der, "application/pkix-cert")
	f.Add(tbsOf(f, der), "application/octet-stream")
	f.Add([]byte("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n"), "")
	f.Add([]byte(`{"x509Certificate":{"sans":[{"type":"1.3.6.1.5.5.7.8.7","value":"x"}]}}`), "application/json")
	f.Add([]byte("\x30\x82\xff\xff"), "application/pkcs10")
	secret := []byte("0123456789abcdef0123456789abcdef")
	secretFile := filepath.Join(f.TempDir(), "secret")
	if err := os.WriteFile(secretFile, []byte(base64.StdEncoding.EncodeToString(secret)), 0o600); err != nil {
		f.Fatal(err)
	}
	f.Add(stepBody(f, der), "application/json")
	s, err := New(Options{MaxBody: 1 << 16, WebhookSecretFile: secretFile}, nil, nil, nil)
	if err != nil {
		f.Fatal(err)
	}
	h := s.Handler()
	f.Fuzz(func(t *testing.T, body []byte, ctype string) {
		// The webhook, signed as step-ca signs: every body reaches the
		// JSON decoder and the template builder.
		mac := hmac.New(sha256.New, secret)
		mac.Write(body)
		req := httptest.NewRequest(http.MethodPost, "/stepca", bytes.NewReader(body))
		req.Header.Set("X-Smallstep-Signature", hex.EncodeToString(mac.Sum(nil)))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code >= 500 || !json.Valid(w.Body.Bytes()) {
			t.Fatalf("/stepca: status %d: %q", w.Code, w.Body.Bytes())
		}

		for _, path := range []string{"/lintcert", "/linttbscert", "/lintcsr", "/lint"} {
			var req *http.Request
			if ctype == "application/x-www-form-urlencoded" {
				req = httptest.NewRequest(http.MethodPost, path, bytes.NewReader([]byte(url.Values{"b64input": {string(body)}}.Encode())))
			} else {
				req = httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
			}
			req.Header.Set("Content-Type", ctype)
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			if w.Code >= 500 {
				t.Fatalf("%s: status %d: %s", path, w.Code, w.Body.Bytes())
			}
			out := w.Body.Bytes()
			if path == "/lint" && w.Code == 200 {
				for _, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
					if !json.Valid(line) {
						t.Fatalf("/lint: not a record a line: %q", out)
					}
				}
				continue
			}
			if !json.Valid(out) {
				t.Fatalf("%s: status %d, not JSON: %q", path, w.Code, out)
			}
		}
	})
}
