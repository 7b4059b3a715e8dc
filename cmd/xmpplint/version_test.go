package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/interop"
)

// TestVersionNamesVerifiedBuilds: `xmpplint version` names every server
// build the models were last verified against.
func TestVersionNamesVerifiedBuilds(t *testing.T) {
	r := xmpplint(t, "", "version")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, v := range interop.Verified {
		if !strings.Contains(r.stdout, v.Model) || !strings.Contains(r.stdout, v.String()) {
			t.Errorf("version output does not name %s for %s:\n%s", v, v.Model, r.stdout)
		}
	}
}

// TestModelsVerifiedWhere: the table of verified server builds is in
// `xmpplint version` (text and JSON) and on each --output json record, and
// not on the NDJSON records of lint, audit or check, where it would be the
// same 310 bytes on every line of a million-certificate audit.
func TestModelsVerifiedWhere(t *testing.T) {
	dir := t.TempDir()
	leaf := certFile(t, dir, "server-base")
	want := interop.Verified[0].String()

	r := xmpplint(t, "", "version", "--output", "json")
	var v struct {
		Lints          int                 `json:"lints"`
		ModelsVerified map[string][]string `json:"models_verified"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); r.code != exitOK || err != nil {
		t.Fatalf("version --output json: exit %d, %v: %s%s", r.code, err, r.stdout, r.stderr)
	}
	if got := v.ModelsVerified[interop.Verified[0].Model]; len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), want) {
		t.Errorf("version --output json: models_verified %v lacks %q", v.ModelsVerified, want)
	}

	if r := xmpplint(t, "", "lint", "--output", "json", leaf); !strings.Contains(r.stdout, `"models_verified"`) || !strings.Contains(r.stdout, want) {
		t.Errorf("lint --output json: no models_verified naming %q: exit %d %s", want, r.code, r.stderr)
	}
	for _, args := range [][]string{
		{"lint", "--output", "ndjson", leaf},
		{"audit", "--records", "-", "--summary-out", filepath.Join(dir, "sum.txt"), leaf},
	} {
		r := xmpplint(t, "", args...)
		if !strings.Contains(r.stdout, `"federation"`) {
			t.Fatalf("%v: no record with verdicts: exit %d %s %s", args, r.code, r.stdout, r.stderr)
		}
		if strings.Contains(r.stdout, "models_verified") {
			t.Errorf("%v: an NDJSON record carries models_verified:\n%s", args, r.stdout)
		}
	}
}
