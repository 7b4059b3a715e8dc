package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"
)

func stdlib(v interface{}) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func FuzzString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c", "\x00\x1f\x7f", "<&>", "\u2028\u2029", "bücher", "\xff\xfe", "tab\there\r\n", "\xe2\x80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := String(nil, s), stdlib(s); !bytes.Equal(got, want) {
			t.Errorf("String(%q) = %s, encoding/json gives %s", s, got, want)
		}
	})
}

func TestStrings(t *testing.T) {
	in := []string{"a", "\"q\"", "ü"}
	if got, want := Strings(nil, in), stdlib(in); !bytes.Equal(got, want) {
		t.Errorf("%s != %s", got, want)
	}
}
