package check

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"sync"
	"time"

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
	// Kind is what the input was: KindCertificate, KindPrecertificate,
	// KindTBS or KindCSR; empty for an error record whose input could not
	// be told.
	Kind string `json:"kind,omitempty"`
	// SHA256 is the hex SHA-256 of the DER (of the input's own DER for a
	// TBS or a CSR).
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
	// Results holds one result per lint, sorted by lint name; in JSON, an
	// object from lint name to result.
	Results Results `json:"results,omitempty"`
	// Federation holds the verdicts of every verifier model per direction,
	// for server and client certificates; in JSON, model to direction to
	// {"verdict", "reason"}.
	Federation interop.Verdicts `json:"federation,omitempty"`
	// ModelsVerified names, with the verdicts, the server builds each
	// model was last verified against (interop.Verified, which the
	// integration test keeps true); in JSON, model to a list of builds.
	// AppendNDJSON leaves it out: it is the same on every record.
	ModelsVerified interop.VerifiedTable `json:"models_verified,omitempty"`
	// Trust says whether the presented chain verifies to a trusted root:
	// set for the leaves of live servers (xmpplint check), where the
	// chain is the one peers see.
	Trust *Trust `json:"trust,omitempty"`
	// Notes say how the certificate was taken, where a user may want to
	// take it otherwise (e.g. a self-signed cA=TRUE certificate with a
	// DNS-ID, which role detection calls a CA certificate).
	Notes []string `json:"notes,omitempty"`
	// Error says why the certificate could not be read or parsed.
	Error string `json:"error,omitempty"`

	// enc, when set, is the checker's pre-encoded JSON of its lints'
	// results, shared by every record it makes.
	enc *encoding
	// line is the record encoded by EncodeLine.
	line []byte
	// bufs, when set, holds the buffers Results and line came from, for
	// Release.
	bufs *buffers
}

// buffers are a record's reusable memory: its results and its encoded
// line, a few kilobytes that an audit would otherwise allocate and collect
// for every certificate.
type buffers struct {
	results Results
	line    []byte
}

var bufPool = sync.Pool{New: func() any { return new(buffers) }}

// Release hands the record's results and encoded line back for reuse by
// the records made after it. Call it when done with a record that nothing
// else refers to (the audit does, once the record is written and counted);
// the record must not be used afterwards. Records that are never released
// are simply collected.
func (r *Record) Release() {
	b := r.bufs
	if b == nil {
		return
	}
	if cap(r.Results) <= 4096 {
		b.results = r.Results[:0]
	}
	if cap(r.line) <= 1<<20 {
		b.line = r.line[:0]
	}
	*r = Record{}
	bufPool.Put(b)
}

// Trust is the outcome of verifying a presented chain: a path to one of
// the roots, each certificate within its validity period.
type Trust struct {
	// Roots names the trust anchors used: "system roots", files given.
	Roots    string `json:"roots"`
	Verified bool   `json:"verified"`
	// Error says why the chain does not verify.
	Error string `json:"error,omitempty"`
}

// Worst returns the highest status among the results; Fatal when the
// record is an error, at least Error when its chain does not verify.
func (r *Record) Worst() lint.LintStatus {
	if r.Error != "" {
		return lint.Fatal
	}
	w := r.Results.Worst()
	if r.Trust != nil && !r.Trust.Verified && w < lint.Error {
		w = lint.Error
	}
	return w
}

// Findings returns the names of the results at or above min, sorted by
// status (highest first) and name.
func (r *Record) Findings(min lint.LintStatus) []string {
	var found Results
	for _, res := range r.Results {
		if res.Status >= min {
			found = append(found, res)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Status > found[j].Status })
	names := make([]string, len(found))
	for i, res := range found {
		names[i] = res.Name
	}
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
	rec.Subject = dnString(&c.Subject)
	rec.Issuer = dnString(&c.Issuer)
	rec.Role = string(v.Role)
	rec.NotBefore = timestamp(c.NotBefore)
	rec.NotAfter = timestamp(c.NotAfter)
	rec.EKU = EKUClass(v.EKU)
	rec.Identities = IdentityTypes(v)
}

// timestamp formats t in UTC as RFC 3339 to the second, as
// t.UTC().Format("2006-01-02T15:04:05Z") does, without its parsing of the
// layout: two per record.
func timestamp(t time.Time) string {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.Format("2006-01-02T15:04:05Z")
	}
	hour, minute, sec := t.Clock()
	var b [20]byte
	put := func(i, v, n int) {
		for k := i + n - 1; k >= i; k-- {
			b[k] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, year, 4)
	b[4] = '-'
	put(5, int(month), 2)
	b[7] = '-'
	put(8, day, 2)
	b[10] = 'T'
	put(11, hour, 2)
	b[13] = ':'
	put(14, minute, 2)
	b[16] = ':'
	put(17, sec, 2)
	b[19] = 'Z'
	return string(b[:])
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
