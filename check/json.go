package check

import (
	"strconv"

	"github.com/xmpplint/xmpplint/internal/jsonw"
)

// AppendJSON appends the record as one JSON object, the same bytes
// encoding/json writes for it with SetEscapeHTML(false), C1 controls and
// bidi marks from input escaped (jsonw; TestRecordJSON compares them),
// several times faster: audits write millions.
func (r *Record) AppendJSON(b []byte) []byte { return r.appendJSON(b, true) }

// AppendNDJSON appends the record as AppendJSON does, without
// models_verified: an NDJSON stream has one record per certificate, and
// the table is the same on every one (310 bytes, 310 MB over an audit of
// a million certificates). `xmpplint version` (also as JSON), the
// --output json records and the library's Record carry it.
func (r *Record) AppendNDJSON(b []byte) []byte { return r.appendJSON(b, false) }

func (r *Record) appendJSON(b []byte, models bool) []byte {
	b = append(b, '{')
	b = jsonw.Key(b, "input", true)
	b = jsonw.String(b, r.Input)
	str := func(k, v string) {
		if v != "" {
			b = jsonw.Key(b, k, false)
			b = jsonw.String(b, v)
		}
	}
	list := func(k string, v []string) {
		if len(v) > 0 {
			b = jsonw.Key(b, k, false)
			b = jsonw.Strings(b, v)
		}
	}
	str("label", r.Label)
	str("kind", r.Kind)
	str("sha256", r.SHA256)
	str("subject", r.Subject)
	str("issuer", r.Issuer)
	str("role", r.Role)
	list("chain", r.Chain)
	str("chain_of", r.ChainOf)
	list("identities", r.Identities)
	str("eku", r.EKU)
	str("not_before", r.NotBefore)
	str("not_after", r.NotAfter)
	if len(r.Results) > 0 {
		b = jsonw.Key(b, "results", false)
		b = r.Results.appendJSON(b, r.enc)
	}
	if len(r.Federation) > 0 {
		b = jsonw.Key(b, "federation", false)
		b = r.Federation.AppendJSON(b)
	}
	if models && len(r.ModelsVerified) > 0 {
		b = jsonw.Key(b, "models_verified", false)
		b = r.ModelsVerified.AppendJSON(b)
	}
	if t := r.Trust; t != nil {
		b = jsonw.Key(b, "trust", false)
		b = append(b, '{')
		b = jsonw.Key(b, "roots", true)
		b = jsonw.String(b, t.Roots)
		b = append(b, `,"verified":`...)
		b = strconv.AppendBool(b, t.Verified)
		str("error", t.Error)
		b = append(b, '}')
	}
	list("notes", r.Notes)
	str("error", r.Error)
	return append(b, '}')
}

// MarshalJSON implements json.Marshaler with AppendJSON.
func (r *Record) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil), nil }

// EncodeLine encodes the record as one NDJSON line (AppendNDJSON) and
// keeps it, for EncodedLine; call it where the record is made
// (RunPrepared's prepare) so
// that encoding runs in parallel.
func EncodeLine(r *Record) {
	// One allocation of about the right size instead of a dozen doublings:
	// a record with every lint and verdict is a few kilobytes.
	var buf []byte
	if r.bufs != nil {
		buf = r.bufs.line[:0]
	}
	if buf == nil {
		size := 512 + len(r.Subject) + len(r.Issuer) + 64*len(r.Results) + 400*len(r.Federation)
		buf = make([]byte, 0, size)
	}
	r.line = append(r.AppendNDJSON(buf), '\n')
}

// EncodedLine returns the line EncodeLine kept, or nil.
func (r *Record) EncodedLine() []byte { return r.line }
