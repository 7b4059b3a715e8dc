package main

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestAuditCountInCountOut feeds audit a corpus of every input format with
// broken certificates among good ones (malformed PEM, truncated DER,
// garbage base64, JSON lines without a certificate) and checks that every
// certificate the inputs hold, or tried to hold, is exactly one record, the
// bad ones with an error naming their input.
func TestAuditCountInCountOut(t *testing.T) {
	good := ders(t, "server-base")[0]
	client := ders(t, "client-base")[0]
	b64 := base64.StdEncoding.EncodeToString
	pemBlock := func(body string) string {
		return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n"
	}
	dir := t.TempDir()
	type file struct {
		name, content string
		bad           []int // indexes of the broken certificates
		total         int
	}
	files := []file{
		{"a.pem", pemOf(t, "server-base") + pemBlock("!!! not base64 !!!") + pemBlock(b64(good[:100])) + pemOf(t, "client-base"), []int{1, 2}, 4},
		{"b.der", string(good) + string(client[:len(client)-40]), []int{1}, 2},
		{"c.b64", b64(good) + "\n%%%garbage%%%\n" + b64(client) + "\n" + b64([]byte("hello")) + "\n", []int{1, 3}, 4},
		{"d.ndjson", `{"raw":"` + b64(good) + `"}` + "\n" + `{"name":"no cert"}` + "\n" + `not json` + "\n" + `{"der":"` + b64(client) + `"}` + "\n" + `{"raw":12}` + "\n", []int{1, 2, 4}, 5},
	}
	want := 0
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), []byte(f.content), 0o644); err != nil {
			t.Fatal(err)
		}
		want += f.total
	}
	out := filepath.Join(t.TempDir(), "records.ndjson")
	// Directories yield PEM and DER files only (.pem .crt .cer .der and
	// files holding PEM): base64 and NDJSON inputs are named explicitly.
	args := []string{"audit", "--records", out, "--summary", "json", "--summary-out", filepath.Join(t.TempDir(), "s.json")}
	for _, f := range files {
		args = append(args, filepath.Join(dir, f.name))
	}
	r := xmpplint(t, "", args...)
	if r.code != exitOK {
		t.Fatalf("audit: exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs := decodeRecords(t, string(data))
	if len(recs) != want {
		for _, rec := range recs {
			t.Logf("%s %s", rec.Input, rec.Error)
		}
		t.Fatalf("%d records for %d certificates", len(recs), want)
	}
	byInput := map[string]string{}
	for _, rec := range recs {
		if _, dup := byInput[rec.Input]; dup {
			t.Errorf("two records for %s", rec.Input)
		}
		byInput[rec.Input] = rec.Error
	}
	for _, f := range files {
		bad := map[int]bool{}
		for _, i := range f.bad {
			bad[i] = true
		}
		for i := 0; i < f.total; i++ {
			in := filepath.Join(dir, f.name) + "#" + itoa(i)
			errText, ok := byInput[in]
			switch {
			case !ok:
				t.Errorf("no record for %s", in)
			case bad[i] && (errText == "" || !strings.Contains(errText, f.name)):
				t.Errorf("%s: error %q does not name the input", in, errText)
			case !bad[i] && errText != "":
				t.Errorf("%s: unexpected error %q", in, errText)
			}
		}
	}
}

func itoa(i int) string { return strconv.Itoa(i) }
