package check_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/jsonw"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// plain has Record's fields and JSON tags without its MarshalJSON, so that
// encoding/json writes it by reflection.
type plain check.Record

// TestRecordJSON: AppendJSON writes what encoding/json writes, on the
// record of every corpus and real certificate, with domains set so that
// identity reasons appear, and the federation verdicts read back the same.
func TestRecordJSON(t *testing.T) {
	t.Parallel()
	ch, err := check.New(check.Config{Federation: true, Profile: "strict", Options: xmpp.Options{Domains: []string{"example.org", "bücher.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	for i, der := range allDERs(t) {
		rec := ch.CheckOne(check.Cert{Input: "in\"put<&>#" + string(rune('0'+i%10)), DER: der, Label: "\u2028label\x01\u009b2J\u202e"})
		rec.Notes = append(rec.Notes, "a note")
		switch i % 3 {
		case 1:
			rec.Trust = &check.Trust{Roots: "system roots", Verified: true}
		case 2:
			rec.Trust = &check.Trust{Roots: "ca\".pem", Error: "x509: certificate signed by unknown authority <&>"}
		}
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		p := plain(rec)
		if err := enc.Encode(&p); err != nil {
			t.Fatal(err)
		}
		// encoding/json's bytes with the C1 and bidi characters it leaves
		// raw escaped (jsonw.Escape): the same JSON value.
		want := jsonw.Escape(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
		got := rec.AppendJSON(nil)
		if !bytes.Equal(got, want) {
			t.Fatalf("certificate %d:\n got %s\nwant %s", i, got, want)
		}
		var back check.Record
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
		}
		// The results, a sorted slice, are written as encoding/json writes
		// the map from lint name to result, and read back the same.
		var m map[string]check.Result // nil for nil results, as a nil map
		if rec.Results != nil {
			m = make(map[string]check.Result, len(rec.Results))
		}
		for _, r := range rec.Results {
			m[r.Name] = r.Result
		}
		buf.Reset()
		if err := enc.Encode(m); err != nil {
			t.Fatal(err)
		}
		if gotRes, _ := rec.Results.MarshalJSON(); !bytes.Equal(gotRes, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))) {
			t.Fatalf("certificate %d: results\n got %s\nwant %s", i, gotRes, buf.Bytes())
		}
		if !reflect.DeepEqual(back.Results, rec.Results) {
			t.Fatalf("certificate %d: results do not read back", i)
		}
		if !reflect.DeepEqual(back.Federation, rec.Federation) {
			t.Fatalf("certificate %d: federation does not read back: %v vs %v", i, back.Federation, rec.Federation)
		}
		if len(rec.Federation) > 0 {
			var generic map[string]map[string]interop.Verdict
			if err := json.Unmarshal(rec.Federation.AppendJSON(nil), &generic); err != nil {
				t.Fatal(err)
			}
			for _, m := range rec.Federation {
				for _, d := range m.Directions {
					if generic[m.Model][string(d.Direction)] != d.Verdict {
						t.Fatalf("%s %s: %v", m.Model, d.Direction, generic[m.Model][string(d.Direction)])
					}
				}
			}
		}
	}
}

func BenchmarkAppendJSON(b *testing.B) {
	ch, err := check.New(check.Config{Federation: true})
	if err != nil {
		b.Fatal(err)
	}
	var recs []check.Record
	for _, der := range allDERs(b)[:200] {
		recs = append(recs, ch.CheckOne(check.Cert{Input: "x#0", DER: der}))
	}
	var buf []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = recs[i%len(recs)].AppendJSON(buf[:0])
	}
}

func BenchmarkEncodingJSON(b *testing.B) {
	ch, err := check.New(check.Config{Federation: true})
	if err != nil {
		b.Fatal(err)
	}
	var recs []plain
	for _, der := range allDERs(b)[:200] {
		recs = append(recs, plain(ch.CheckOne(check.Cert{Input: "x#0", DER: der})))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		json.Marshal(&recs[i%len(recs)])
	}
}

// TestResultsGet: Get finds every result of a sorted list and nothing
// else; unmarshalling sorts whatever the key order.
func TestResultsGet(t *testing.T) {
	rs := check.Results{{Name: "a"}, {Name: "c", Result: check.Result{Details: "x"}}, {Name: "e"}}
	for _, r := range rs {
		if got, ok := rs.Get(r.Name); !ok || got != r.Result {
			t.Errorf("Get(%q) = %v, %v", r.Name, got, ok)
		}
	}
	for _, name := range []string{"", "b", "d", "f"} {
		if _, ok := rs.Get(name); ok {
			t.Errorf("Get(%q) found a result", name)
		}
	}
	var back check.Results
	if err := json.Unmarshal([]byte(`{"z":{"result":"warn"},"a":{"result":"pass","details":"d"}}`), &back); err != nil {
		t.Fatal(err)
	}
	if len(back) != 2 || back[0].Name != "a" || back[0].Details != "d" || back[1].Name != "z" || back[1].Status.String() != "warn" {
		t.Errorf("unmarshalled %+v", back)
	}
}
