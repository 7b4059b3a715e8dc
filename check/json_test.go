package check_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/xmpplint/xmpplint/check"
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
		rec := ch.CheckOne(check.Cert{Input: "in\"put<&>#" + string(rune('0'+i%10)), DER: der, Label: "\u2028label\x01"})
		rec.Notes = append(rec.Notes, "a note")
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		p := plain(rec)
		if err := enc.Encode(&p); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		got := rec.AppendJSON(nil)
		if !bytes.Equal(got, want) {
			t.Fatalf("certificate %d:\n got %s\nwant %s", i, got, want)
		}
		var back check.Record
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatal(err)
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
