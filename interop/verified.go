package interop

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/xmpplint/xmpplint/internal/jsonw"
)

// Verification is one server build whose s2s verdicts were observed by the
// federation integration test (integration/, TestFederation) and found
// equal to a model's on every certificate of the test: the row certificates
// and the chains, read from the server's own log, in both directions.
type Verification struct {
	// Model is the key of the model the build behaves as.
	Model string
	// Server is "Prosody" or "ejabberd".
	Server string
	// Package is the Debian package version, as dpkg reports it.
	Package string
	// Distribution is where the package comes from.
	Distribution string
}

// String names the build: "ejabberd 24.12-3+deb13u2 (Debian 13 trixie)".
func (v Verification) String() string {
	return v.Server + " " + v.Package + " (" + v.Distribution + ")"
}

// Verified lists the server builds the models were last verified against.
// integration/TestFederation keeps it true: it runs every build installed
// by scripts/xmpp-servers (Debian 12 on the machine, Debian 13 and sid in
// chroots) and fails when a build is missing here, when its verdicts differ
// from its model's, or when a build listed here for a distribution it ran
// is no longer the one installed there.
var Verified = []Verification{
	{"prosody-0.12", "Prosody", "0.12.3-1+deb12u1", "Debian 12 bookworm"},
	{"prosody-13", "Prosody", "13.0.1-1+deb131u", "Debian 13 trixie"},
	{"prosody-13", "Prosody", "13.0.7-1", "Debian sid"},
	{"ejabberd-legacy", "ejabberd", "23.01-1", "Debian 12 bookworm"},
	{"ejabberd", "ejabberd", "24.12-3+deb13u2", "Debian 13 trixie"},
	{"ejabberd", "ejabberd", "26.07-1", "Debian sid"},
}

// VerifiedFor returns the builds model was verified against, in table
// order; none for a model no server build is run for (openssl-default).
func VerifiedFor(model string) []Verification {
	var out []Verification
	for _, v := range Verified {
		if v.Model == model {
			out = append(out, v)
		}
	}
	return out
}

// VerifiedTable maps a model to the builds it was last verified against
// (Verification.String): the form records carry (check.Record's
// models_verified). Models no server build is run for are left out.
type VerifiedTable map[string][]string

// verifiedTable is Verified as a VerifiedTable, built once.
var verifiedTable = func() VerifiedTable {
	t := VerifiedTable{}
	for _, v := range Verified {
		t[v.Model] = append(t[v.Model], v.String())
	}
	return t
}()

// verifiedTableJSON is verifiedTable's encoding, built once: every record
// with verdicts carries the table, and audits write millions.
var verifiedTableJSON = verifiedTable.appendJSON(nil)

// VerifiedModels returns Verified as a VerifiedTable. It is shared: the
// caller must not modify it.
func VerifiedModels() VerifiedTable { return verifiedTable }

// AppendJSON appends the table as a JSON object, as encoding/json writes
// the map (keys sorted) with SetEscapeHTML(false). The shared table
// (VerifiedModels) is appended from its encoding made once.
func (t VerifiedTable) AppendJSON(b []byte) []byte {
	if len(t) > 0 && reflect.ValueOf(t).UnsafePointer() == reflect.ValueOf(verifiedTable).UnsafePointer() {
		return append(b, verifiedTableJSON...)
	}
	return t.appendJSON(b)
}

func (t VerifiedTable) appendJSON(b []byte) []byte {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b = append(b, '{')
	for i, k := range keys {
		b = jsonw.Key(b, k, i == 0)
		if t[k] == nil {
			b = append(b, "null"...)
			continue
		}
		b = jsonw.Strings(b, t[k])
	}
	return append(b, '}')
}

// VerifiedLines renders the table for people, one line per model of
// Models in order: the model, then the builds it was verified against, or
// what it was checked with instead (its Versions) when no server build is
// run for it.
func VerifiedLines() []string {
	width := 0
	for _, m := range Models {
		width = max(width, len(m.Name))
	}
	var out []string
	for _, m := range Models {
		var names []string
		for _, v := range VerifiedFor(m.Name) {
			names = append(names, v.String())
		}
		what := strings.Join(names, ", ")
		if what == "" {
			what = "no server build; " + m.Versions
		}
		out = append(out, fmt.Sprintf("%-*s  %s", width, m.Name, what))
	}
	return out
}
