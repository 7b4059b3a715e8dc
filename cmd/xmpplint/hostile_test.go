package main

import (
	"net/url"
	"path/filepath"
	"testing"
)

// The attacks of issue 10, as data: each hostile input and what it must
// give. The text writer's own attack (control characters from any field)
// is FuzzTextWriter; the walk's are in input/walk_test.go.

// TestSARIFArtifactURI: a file name becomes one valid URI reference that
// decodes back to it; relative where the input was.
func TestSARIFArtifactURI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ input, want string }{
		{"certs/a.pem#0", "certs/a.pem"},
		{"-#3", "-"},
		{"dir with space/x#y.pem#1", "dir%20with%20space/x%23y.pem"},
		{"<svg onload=alert(1)>.pem#0", "%3Csvg%20onload=alert%281%29%3E.pem"},
		{`trailing\#0`, "trailing%5C"},
		{"100%.pem#0", "100%25.pem"},
		{"c:evil.pem#0", "c%3Aevil.pem"},
		{"example.org@127.0.0.1:5222#0", "example.org@127.0.0.1%3A5222"},
		{"\xff\x1b[2J.pem#0", "%FF%1B%5B2J.pem"},
		{"/etc/ssl/a b.pem#0", "file:///etc/ssl/a%20b.pem"},
	} {
		got := artifactURI(tc.input)
		if filepath.Separator != '/' && tc.want[0] == 'f' {
			continue
		}
		if got != tc.want {
			t.Errorf("artifactURI(%q) = %q, want %q", tc.input, got, tc.want)
			continue
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("artifactURI(%q) = %q: %v", tc.input, got, err)
			continue
		}
		if u.Scheme != "" && u.Scheme != "file" {
			t.Errorf("artifactURI(%q) = %q reads as scheme %q", tc.input, got, u.Scheme)
		}
		if want := filepath.ToSlash(inputPath(tc.input)); u.Path != want {
			t.Errorf("artifactURI(%q) = %q decodes to %q", tc.input, got, u.Path)
		}
	}
}
