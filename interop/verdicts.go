package interop

import (
	"bytes"
	"encoding/json"
	"fmt"
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
func (vs Verdicts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range vs {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := writeKey(&b, m.Model); err != nil {
			return nil, err
		}
		b.WriteByte('{')
		for j, dv := range m.Directions {
			if j > 0 {
				b.WriteByte(',')
			}
			if err := writeKey(&b, string(dv.Direction)); err != nil {
				return nil, err
			}
			v, err := json.Marshal(dv.Verdict)
			if err != nil {
				return nil, err
			}
			b.Write(v)
		}
		b.WriteByte('}')
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeKey(b *bytes.Buffer, k string) error {
	q, err := json.Marshal(k)
	if err != nil {
		return err
	}
	b.Write(q)
	b.WriteByte(':')
	return nil
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
