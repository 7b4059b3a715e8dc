package main

import (
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
