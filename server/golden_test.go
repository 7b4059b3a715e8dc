package server

import (
	"bytes"
	"encoding/base64"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestGolden: each pkimetal answer format, and a GET's form, byte for
// byte. go test ./server -run Golden -update rewrites them.
func TestGolden(t *testing.T) {
	ts := newTestServer(t, Options{})
	b64 := base64.StdEncoding.EncodeToString(corpusDER(t, "srvid-no-service-label"))
	for _, tc := range []struct{ file, format string }{
		{"lintcert.json", "json"},
		{"lintcert.txt", "text"},
		{"lintcert.html", "html"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			_, body := postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {b64}, "format": {tc.format}, "severity": {"meta"}}, nil)
			// The version depends on how the test was built.
			golden(t, tc.file, bytes.ReplaceAll(body, []byte("Version: "+ts.version+";"), []byte("Version: VERSION;")))
		})
	}
	t.Run("form.html", func(t *testing.T) {
		_, body := do(t, mustReq(newGet(ts.pub.URL+"/lintcert")))
		golden(t, "form.html", body)
	})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./server -run Golden -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file:\n got %s\nwant %s", name, got, want)
	}
}
