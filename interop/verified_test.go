package interop_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/interop"
)

// TestVerifiedTable: every verified build names a model of the table, of
// its own server, once; every model says which versions it stands for;
// the JSON form is what encoding/json writes for the map and reads back.
func TestVerifiedTable(t *testing.T) {
	t.Parallel()
	server := map[string]string{"prosody-0.12": "Prosody", "prosody-13": "Prosody", "ejabberd-legacy": "ejabberd", "ejabberd": "ejabberd"}
	seen := map[string]bool{}
	for _, v := range interop.Verified {
		if _, ok := interop.LookupModel(v.Model); !ok {
			t.Errorf("%v: no model %q", v, v.Model)
		}
		if server[v.Model] != v.Server {
			t.Errorf("%v: model %s is not a %s model", v, v.Model, v.Server)
		}
		if v.Package == "" || v.Distribution == "" {
			t.Errorf("%+v: package or distribution missing", v)
		}
		key := v.Server + " " + v.Distribution
		if seen[key] {
			t.Errorf("%v: a second %s build for %s (the test runs one per distribution)", v, v.Server, v.Distribution)
		}
		seen[key] = true
	}
	for _, m := range interop.Models {
		if m.Versions == "" {
			t.Errorf("model %s: no Versions", m.Name)
		}
		if _, ok := server[m.Name]; ok && len(interop.VerifiedFor(m.Name)) == 0 {
			t.Errorf("model %s: a server model never verified against a build", m.Name)
		}
	}
	tab := interop.VerifiedModels()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(map[string][]string(tab)); err != nil {
		t.Fatal(err)
	}
	got := tab.AppendJSON(nil)
	if want := bytes.TrimSuffix(buf.Bytes(), []byte("\n")); !bytes.Equal(got, want) {
		t.Errorf("AppendJSON\n got %s\nwant %s", got, want)
	}
	var back interop.VerifiedTable
	if err := json.Unmarshal(got, &back); err != nil {
		t.Fatal(err)
	}
	// A table of its own (not the shared one) is encoded from its map.
	if again := back.AppendJSON(nil); !bytes.Equal(again, got) {
		t.Errorf("a copy encodes as\n%s\nthe shared table as\n%s", again, got)
	}
	if other := (interop.VerifiedTable{"m": {"a<b", "c"}, "a": nil}).AppendJSON(nil); string(other) != `{"a":null,"m":["a<b","c"]}` {
		t.Errorf("another table encodes as %s", other)
	}
	n := 0
	for _, names := range back {
		n += len(names)
	}
	if n != len(interop.Verified) {
		t.Errorf("%d builds read back, want %d", n, len(interop.Verified))
	}
	lines := interop.VerifiedLines()
	if len(lines) != len(interop.Models) {
		t.Fatalf("%d lines for %d models", len(lines), len(interop.Models))
	}
	for i, m := range interop.Models {
		if !strings.HasPrefix(lines[i], m.Name+" ") {
			t.Errorf("line %d %q does not start with model %s", i, lines[i], m.Name)
		}
		for _, v := range interop.VerifiedFor(m.Name) {
			if !strings.Contains(lines[i], v.String()) {
				t.Errorf("line %q does not name %v", lines[i], v)
			}
		}
	}
}
