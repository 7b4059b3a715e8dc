package jsonw

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/xmpplint/xmpplint/internal/termsafe"
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
	f.Add("csi \u009b2J bidi \u202egpj.exe \u2066isolate\u2069 \u061c")
	f.Fuzz(func(t *testing.T, s string) {
		got, want := String(nil, s), stdlib(s)
		// encoding/json's bytes, with its raw C1 and bidi characters
		// escaped: the same JSON value.
		if esc := Escape(want); !bytes.Equal(got, esc) {
			t.Errorf("String(%q) = %s, encoding/json gives %s, escaped %s", s, got, want, esc)
		}
		for _, r := range string(got) {
			if r > 0x7f && termsafe.Unsafe(r) {
				t.Errorf("String(%q) = %s: raw %U", s, got, r)
			}
		}
		var back, std string
		if err := json.Unmarshal(got, &back); err != nil {
			t.Fatalf("String(%q) = %s: %v", s, got, err)
		}
		json.Unmarshal(want, &std)
		if back != std {
			t.Errorf("String(%q) decodes to %q, encoding/json's to %q", s, back, std)
		}
	})
}

func TestStrings(t *testing.T) {
	in := []string{"a", "\"q\"", "ü"}
	if got, want := Strings(nil, in), stdlib(in); !bytes.Equal(got, want) {
		t.Errorf("%s != %s", got, want)
	}
}
