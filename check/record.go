package check

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Result is one lint's outcome in a record. Status marshals as zlint's
// result strings: NA, NE, pass, info, warn, error, fatal.
type Result struct {
	Status  lint.LintStatus `json:"result"`
	Details string          `json:"details,omitempty"`
}

// Record is the outcome for one certificate read: one per certificate,
// whatever happened to it.
type Record struct {
	// Input is "path#index", index counting certificates within that input
	// from 0; "-#index" for standard input.
	Input string `json:"input"`
	// Label is a name the input gave the certificate (an NDJSON name/id).
	Label string `json:"label,omitempty"`
	// SHA256 is the hex SHA-256 of the DER.
	SHA256  string `json:"sha256,omitempty"`
	Subject string `json:"subject,omitempty"`
	Issuer  string `json:"issuer,omitempty"`
	// Role is server, client or ca.
	Role string `json:"role,omitempty"`
	// Chain lists the inputs of the CA certificates presented after this
	// leaf; ChainOf names the leaf whose presented chain holds this CA.
	Chain   []string `json:"chain,omitempty"`
	ChainOf string   `json:"chain_of,omitempty"`
	// Identities are the identity types the certificate carries: dns-id,
	// srv-id, xmppaddr, cn.
	Identities []string `json:"identities,omitempty"`
	// EKU classifies the extended key usage: serverAuth-only, both,
	// clientAuth-only, none (no EKU extension), any (anyEKU without a TLS
	// purpose), other (an EKU without any TLS purpose).
	EKU string `json:"eku,omitempty"`
	// NotBefore and NotAfter in RFC 3339.
	NotBefore string `json:"not_before,omitempty"`
	NotAfter  string `json:"not_after,omitempty"`
	// Results maps lint names to results.
	Results map[string]Result `json:"results,omitempty"`
	// Federation holds the verdicts of every verifier model per direction,
	// for server and client certificates; in JSON, model to direction to
	// {"verdict", "reason"}.
	Federation interop.Verdicts `json:"federation,omitempty"`
	// Notes say how the certificate was taken, where a user may want to
	// take it otherwise (e.g. a self-signed cA=TRUE certificate with a
	// DNS-ID, which role detection calls a CA certificate).
	Notes []string `json:"notes,omitempty"`
	// Error says why the certificate could not be read or parsed.
	Error string `json:"error,omitempty"`

	// names, when set, lists the keys of Results sorted: the checker's
	// lint names, shared by every record it makes, so that writing a
	// record does not sort them again.
	names []string
	// line is the record encoded by EncodeLine.
	line []byte
}

// Worst returns the highest status among the results; Fatal when the
// record is an error.
func (r *Record) Worst() lint.LintStatus {
	if r.Error != "" {
		return lint.Fatal
	}
	worst := lint.Reserved
	for _, res := range r.Results {
		if res.Status > worst {
			worst = res.Status
		}
	}
	return worst
}

// Findings returns the names of the results at or above min, sorted by
// status (highest first) and name.
func (r *Record) Findings(min lint.LintStatus) []string {
	var names []string
	for name, res := range r.Results {
		if res.Status >= min {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := r.Results[names[i]].Status, r.Results[names[j]].Status
		if a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	return names
}

// describe fills the fields every parsed certificate's record has.
func describe(rec *Record, der []byte, c *x509.Certificate, v *xmpp.Cert) {
	if len(c.FingerprintSHA256) == sha256.Size {
		rec.SHA256 = hex.EncodeToString(c.FingerprintSHA256) // zcrypto hashed the DER already
	} else {
		sum := sha256.Sum256(der)
		rec.SHA256 = hex.EncodeToString(sum[:])
	}
	rec.Subject = c.Subject.String()
	rec.Issuer = c.Issuer.String()
	rec.Role = string(v.Role)
	rec.NotBefore = c.NotBefore.UTC().Format("2006-01-02T15:04:05Z")
	rec.NotAfter = c.NotAfter.UTC().Format("2006-01-02T15:04:05Z")
	rec.EKU = EKUClass(v.EKU)
	rec.Identities = IdentityTypes(v)
}

// EKUClass classifies an EKU for records and summaries.
func EKUClass(e xmpp.EKU) string {
	switch {
	case !e.Present:
		return "none"
	case e.ServerAuth && e.ClientAuth:
		return "both"
	case e.ServerAuth:
		return "serverAuth-only"
	case e.ClientAuth:
		return "clientAuth-only"
	case e.Any:
		return "any"
	}
	return "other"
}

// IdentityTypes lists the identity types a certificate carries.
func IdentityTypes(v *xmpp.Cert) []string {
	var out []string
	if len(v.DNSNames) > 0 {
		out = append(out, "dns-id")
	}
	if len(v.SRVNames) > 0 {
		out = append(out, "srv-id")
	}
	if len(v.XmppAddrs) > 0 {
		out = append(out, "xmppaddr")
	}
	if len(v.CNs) > 0 {
		out = append(out, "cn")
	}
	return out
}

// errorRecord is the record of a certificate that could not be used.
func errorRecord(input, label string, der []byte, err error) Record {
	rec := Record{Input: input, Label: label, Error: err.Error()}
	if len(der) > 0 {
		sum := sha256.Sum256(der)
		rec.SHA256 = hex.EncodeToString(sum[:])
	}
	return rec
}

// ParseError wraps a zcrypto parse failure with the input name.
type ParseError struct {
	Input string
	Err   error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("%s: not a parseable X.509 certificate: %v", e.Input, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }
