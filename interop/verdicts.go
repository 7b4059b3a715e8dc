package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/xmpplint/xmpplint/internal/jsonw"
)

// Outcome is what a verifier does with the certificate.
type Outcome string

// Outcomes.
const (
	// Accept: the certificate authenticates the peer.
	Accept Outcome = "accept"
	// Reject: certificate authentication fails (a server may still fall
	// back to dialback).
	Reject Outcome = "reject"
	// Crash: the verifier's certificate check crashes; the connection is
	// lost, with no fallback.
	Crash Outcome = "crash"
)

// Verdict is one prediction with its one-line reason.
type Verdict struct {
	Outcome Outcome `json:"verdict"`
	Reason  string  `json:"reason"`
}

// DirectionVerdict is the verdict for one direction.
type DirectionVerdict struct {
	Direction Direction
	Verdict
}

// ModelVerdicts are the verdicts of one model, in the order of Directions.
type ModelVerdicts struct {
	Model      string
	Directions []DirectionVerdict
}

// Verdicts are the verdicts of every model, in the order of Models. They
// marshal to JSON as an object keyed by model then direction, in that
// order: {"prosody-13": {"s2s-in": {"verdict": "accept", "reason": "..."}}}.
type Verdicts []ModelVerdicts

// Get returns the verdict of a model for a direction.
func (vs Verdicts) Get(model string, d Direction) (Verdict, bool) {
	for _, m := range vs {
		if m.Model != model {
			continue
		}
		for _, dv := range m.Directions {
			if dv.Direction == d {
				return dv.Verdict, true
			}
		}
	}
	return Verdict{}, false
}

// MarshalJSON writes the ordered object.
func (vs Verdicts) MarshalJSON() ([]byte, error) { return vs.AppendJSON(nil), nil }

// AppendJSON appends the ordered object, as encoding/json would write it
// with SetEscapeHTML(false).
func (vs Verdicts) AppendJSON(b []byte) []byte {
	b = append(b, '{')
	for i, m := range vs {
		b = jsonw.Key(b, m.Model, i == 0)
		b = append(b, '{')
		for j, dv := range m.Directions {
			b = jsonw.Key(b, string(dv.Direction), j == 0)
			b = append(b, `{"verdict":`...)
			b = jsonw.String(b, string(dv.Outcome))
			b = append(b, `,"reason":`...)
			b = jsonw.String(b, dv.Reason)
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// UnmarshalJSON reads the object MarshalJSON writes, keeping its order.
func (vs *Verdicts) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var out Verdicts
	if err := expectDelim(dec, '{'); err != nil {
		return err
	}
	for dec.More() {
		model, err := stringToken(dec)
		if err != nil {
			return err
		}
		mv := ModelVerdicts{Model: model}
		if err := expectDelim(dec, '{'); err != nil {
			return err
		}
		for dec.More() {
			dir, err := stringToken(dec)
			if err != nil {
				return err
			}
			var v Verdict
			if err := dec.Decode(&v); err != nil {
				return fmt.Errorf("verdicts %s %s: %w", model, dir, err)
			}
			mv.Directions = append(mv.Directions, DirectionVerdict{Direction(dir), v})
		}
		if err := expectDelim(dec, '}'); err != nil {
			return err
		}
		out = append(out, mv)
	}
	if err := expectDelim(dec, '}'); err != nil {
		return err
	}
	*vs = out
	return nil
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("verdicts: want %q, got %v", want, t)
	}
	return nil
}

func stringToken(dec *json.Decoder) (string, error) {
	t, err := dec.Token()
	if err != nil {
		return "", err
	}
	s, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("verdicts: want a key, got %v", t)
	}
	return s, nil
}
