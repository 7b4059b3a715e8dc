package interop

import (
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

// verifiedJSON is VerifiedJSON's result, built once.
var verifiedJSON = func() []byte {
	b := []byte{'{'}
	first := true
	for _, m := range Models {
		vs := VerifiedFor(m.Name)
		if len(vs) == 0 {
			continue
		}
		b = jsonw.Key(b, m.Name, first)
		first = false
		names := make([]string, len(vs))
		for i, v := range vs {
			names[i] = v.String()
		}
		b = jsonw.Strings(b, names)
	}
	return append(b, '}')
}()

// VerifiedJSON is the table as one JSON object, model to the builds it was
// verified against ({"prosody-0.12": ["Prosody 0.12.3-1+deb12u1 (Debian 12
// bookworm)"], ...}), in model order; models without builds are left out.
// The caller must not modify it.
func VerifiedJSON() []byte { return verifiedJSON }
