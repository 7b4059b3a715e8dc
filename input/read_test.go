package input

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"
)

// doc builds a test input and the items it must give, line numbers
// included.
type doc struct {
	b     strings.Builder
	wants []want
}

func (d *doc) line() int { return strings.Count(d.b.String(), "\n") + 1 }

// text adds content that gives no item.
func (d *doc) text(s string) { d.b.WriteString(s) }

// good adds content that gives one certificate starting here.
func (d *doc) good(der []byte, s string) {
	d.wants = append(d.wants, ok(der, d.line()))
	d.b.WriteString(s)
}

// goodNoLine adds content that gives one certificate with no line (DER).
func (d *doc) goodNoLine(der []byte, s string) {
	d.wants = append(d.wants, ok(der, 0))
	d.b.WriteString(s)
}

// fail adds content that gives one error item starting here.
func (d *doc) fail(s string, fragments ...string) {
	d.wants = append(d.wants, badAt(d.line(), fragments...))
	d.b.WriteString(s)
}

// failNoLine adds content that gives one error item with no line.
func (d *doc) failNoLine(s string, fragments ...string) {
	d.wants = append(d.wants, bad(fragments...))
	d.b.WriteString(s)
}

const keyPEM = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n"

func TestReadFormats(t *testing.T) {
	c := certs(t)
	tests := []struct {
		name  string
		opts  Options
		build func(d *doc)
	}{
		// PEM
		{"pem-one", Options{}, func(d *doc) { d.good(c.leaf, certPEM(c.leaf)) }},
		{"pem-bundle-key-first", Options{}, func(d *doc) {
			d.text(keyPEM)
			d.good(c.leaf, certPEM(c.leaf))
			d.text("subject=CN=Test Intermediate\nissuer=CN=Test Root\n")
			d.good(c.inter, certPEM(c.inter))
			d.text("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n\n")
			d.good(c.root, certPEM(c.root))
		}},
		{"pem-comment-header", Options{}, func(d *doc) {
			d.text("# Code generated; DO NOT EDIT.\n# case: x\n")
			d.good(c.leaf, certPEM(c.leaf))
		}},
		{"pem-types", Options{}, func(d *doc) {
			d.good(c.leaf, pemOf("X509 CERTIFICATE", c.leaf))
			// OpenSSL's trusted form: the certificate, then its trust settings.
			aux := tlv(0x30, tlv(0x30, 0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01)...)
			d.good(c.inter, pemOf("TRUSTED CERTIFICATE", append(append([]byte(nil), c.inter...), aux...)))
			// Requests are items (package check verifies and lints them),
			// under both labels; so is a bare TBS under any label.
			d.good([]byte{0x30, 0x00}, pemOf("CERTIFICATE REQUEST", []byte{0x30, 0x00}))
			d.good(c.other, pemOf("NEW CERTIFICATE REQUEST", c.other))
			tbs := tbsOf(t, c.leaf)
			d.good(tbs, pemOf("TBS CERTIFICATE", tbs))
			d.good(tbs, pemOf("CERTIFICATE", tbs))
			d.text(pemOf("PUBLIC KEY", []byte{0x30, 0x00}))
			d.text(pemOf("PRIVATE KEY", c.other)) // a certificate under another label is not a TBS
			d.text(pemOf("X509 CRL", append(tbs, 0x00)))
		}},
		{"pem-tbs-too-large", Options{MaxCertSize: 100}, func(d *doc) {
			d.text(pemOf("TBS CERTIFICATE", tbsOf(t, c.leaf))) // over the cap: not read as a TBS, skipped
			d.good(c.leaf[:90], pemOf("CERTIFICATE REQUEST", c.leaf[:90]))
		}},
		{"pem-bad-base64-middle", Options{}, func(d *doc) {
			d.good(c.leaf, certPEM(c.leaf))
			d.fail("-----BEGIN CERTIFICATE-----\nMIIB!!!notbase64\n-----END CERTIFICATE-----\n", "CERTIFICATE block", "bad base64")
			d.good(c.other, certPEM(c.other))
		}},
		{"pem-missing-end", Options{}, func(d *doc) {
			d.good(c.leaf, certPEM(c.leaf))
			body := strings.TrimSuffix(certPEM(c.inter), "-----END CERTIFICATE-----\n")
			next := d.line() + strings.Count(body, "\n")
			d.fail(body, "no END line before the BEGIN at line "+itoa(next))
			d.good(c.other, certPEM(c.other))
		}},
		{"pem-truncated-at-eof", Options{}, func(d *doc) {
			d.good(c.leaf, certPEM(c.leaf))
			p := certPEM(c.inter)
			d.fail(p[:len(p)/2], "no END line: the input ends at line")
		}},
		{"pem-mismatched-end", Options{}, func(d *doc) {
			p := strings.Replace(certPEM(c.leaf), "END CERTIFICATE", "END X509 CRL", 1)
			d.fail(p, `ends with END "X509 CRL"`)
			d.good(c.other, certPEM(c.other))
		}},
		{"pem-empty-block", Options{}, func(d *doc) {
			d.fail("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n", "empty base64")
		}},
		{"pem-key-without-end-then-cert", Options{}, func(d *doc) {
			d.text("-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n")
			d.good(c.leaf, certPEM(c.leaf))
		}},
		{"pem-headers-crlf-indent", Options{}, func(d *doc) {
			p := strings.Replace(certPEM(c.leaf), "-----\n", "-----\nProc-Type: 4,ENCRYPTED\n\n", 1)
			p = strings.ReplaceAll(p, "\n", "\r\n")
			p = "    " + strings.ReplaceAll(p, "\r\n", "\r\n    ")
			d.text("certs:\n  - |\n")
			d.good(c.leaf, p+"\n")
		}},
		{"pem-one-line", Options{}, func(d *doc) {
			one := strings.ReplaceAll(strings.TrimSpace(certPEM(c.leaf)), "\n", " ")
			d.good(c.leaf, one+"\n")
			// Both blocks of this line give items, and share its number.
			line := d.line()
			d.text(one + " junk -----BEGIN CERTIFICATE-----" + b64(c.other) + "-----END CERTIFICATE-----\n")
			d.wants = append(d.wants, ok(c.leaf, line), ok(c.other, line))
		}},
		{"pem-long-line", Options{MaxLineSize: 200}, func(d *doc) {
			d.good(c.leaf, certPEM(c.leaf))
			l := d.line()
			d.fail("-----BEGIN CERTIFICATE-----\n"+b64(c.inter)+"\n-----END CERTIFICATE-----\n", "line "+itoa(l+1)+" is longer than 200 bytes")
			d.text(strings.Repeat("x", 1000) + "\n") // a long line between blocks is just text
			d.good(c.other, certPEM(c.other))
		}},
		{"pem-cert-too-large", Options{MaxCertSize: 100}, func(d *doc) {
			d.fail(certPEM(c.leaf), "exceeds the 100-byte limit")
			d.good([]byte{0x30, 0x03, 0x02, 0x01, 0x01}, pemOf("CERTIFICATE", []byte{0x30, 0x03, 0x02, 0x01, 0x01}))
		}},
		{"pem-text-only", Options{Format: FormatPEM}, func(d *doc) {
			d.failNoLine("hello\nworld\n", "no PEM block")
		}},
		// An input that yields no certificate is one error item naming
		// what it holds.
		{"pem-key-only", Options{Format: FormatPEM}, func(d *doc) { d.failNoLine(keyPEM, "in: PRIVATE KEY: no certificate") }},
		{"pem-keys-and-crl", Options{}, func(d *doc) {
			d.text(keyPEM + pemOf("EC PRIVATE KEY", []byte{0x30, 0x00}) + keyPEM)
			d.failNoLine(pemOf("X509 CRL", []byte{0x30, 0x00}), "in: PRIVATE KEY, EC PRIVATE KEY, X509 CRL: no certificate")
		}},
		{"pem-key-with-cert", Options{}, func(d *doc) {
			d.text(keyPEM)
			d.good(c.leaf, certPEM(c.leaf))
		}},
		{"pem-hostile-label", Options{}, func(d *doc) {
			d.failNoLine("-----BEGIN \x1b[31mKEY-----\nAAAA\n-----END \x1b[31mKEY-----\n", `"\x1b[31mKEY": no certificate`)
		}},
		{"empty", Options{}, func(d *doc) { d.failNoLine("", "in: empty: no certificate") }},
		{"blank", Options{}, func(d *doc) { d.failNoLine("\n\n  \n# nothing\n", "only blank lines and comments: no certificate") }},

		// DER
		{"der-one", Options{}, func(d *doc) { d.goodNoLine(c.leaf, string(c.leaf)) }},
		{"der-concatenated-padded", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(c.leaf))
			d.goodNoLine(c.inter, string(c.inter)+"\n")
			d.goodNoLine(c.root, string(c.root)+"\x00\x00\r\n")
		}},
		{"der-truncated", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(c.leaf))
			d.failNoLine(string(c.inter[:100]), "at byte "+itoa(len(c.leaf)), "truncated DER", "100 remain")
		}},
		{"der-garbage-after", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(c.leaf))
			d.failNoLine("\x04\x02hi", "tag 0x04")
		}},
		{"der-header-cut", Options{}, func(d *doc) {
			d.goodNoLine(c.leaf, string(c.leaf))
			d.failNoLine("\x30\x82\x01", "ends inside a header")
		}},
		{"der-indefinite", Options{}, func(d *doc) { d.failNoLine("\x30\x80\x02\x01\x01\x00\x00", "indefinite length") }},
		{"der-too-large-then-good", Options{MaxCertSize: len(c.inter)}, func(d *doc) {
			big := make([]byte, 4+2*len(c.inter))
			copy(big, []byte{0x30, 0x82, byte((len(big) - 4) >> 8), byte(len(big) - 4)})
			d.failNoLine(string(big), "exceeds the "+itoa(len(c.inter))+"-byte limit")
			d.goodNoLine(c.inter, string(c.inter))
		}},
		{"der-forced-on-text", Options{Format: FormatDER}, func(d *doc) {
			d.failNoLine("MIIB\n", "tag 0x4d")
		}},

		// base64 lines
		{"base64-lines", Options{}, func(d *doc) {
			d.good(c.leaf, b64(c.leaf)+"\n")
			d.text("\n# a comment\n   \n")
			d.good(c.inter, "  "+b64(c.inter)+"  \r\n")
			d.good(c.root, base64.RawURLEncoding.EncodeToString(c.root)+"\n")
			d.good(c.other, base64.RawStdEncoding.EncodeToString(c.other)) // no final newline
		}},
		{"base64-garbage-middle", Options{}, func(d *doc) {
			d.good(c.leaf, b64(c.leaf)+"\n")
			d.fail("MIIB%%%garbage\n", "bad base64 at character 5")
			d.fail("====\n", "empty base64")
			d.fail("Zm9v YmFy\n", "bad base64")
			d.good(c.other, b64(c.other)+"\n")
		}},
		{"base64-long-line", Options{MaxLineSize: 3000}, func(d *doc) {
			d.good(c.leaf, b64(c.leaf)+"\n")
			d.fail(strings.Repeat("A", 5000)+"\n", "longer than 3000 bytes")
			d.good(c.other, b64(c.other)+"\n")
		}},
		{"base64-too-large", Options{MaxCertSize: 100, Format: FormatBase64}, func(d *doc) {
			d.fail(b64(c.leaf)+"\n", "exceeds the 100-byte limit")
		}},

		// NDJSON
		{"ndjson-shapes", Options{}, func(d *doc) {
			d.good(c.leaf, `{"raw":"`+b64(c.leaf)+`","parsed":{"subject_dn":"CN=example.org"}}`+"\n")
			d.text("\n")
			d.good(c.inter, `{"name":"inter","der":"`+b64(c.inter)+`"}`+"\n")
			d.good(c.root, `{"id":42,"raw":null,"der":"`+strings.ReplaceAll(b64(c.root), "/", `\/`)+`"}`+"\n")
			d.good(c.other, ` {"raw" : "`+b64(c.other)+`", "name": {"not":"a label"}, "id": "other"} `+"\n")
		}},
		{"ndjson-bad-lines", Options{}, func(d *doc) {
			d.good(c.leaf, `{"raw":"`+b64(c.leaf)+`"}`+"\n")
			d.fail(`{"name":"no cert"}`+"\n", `no "raw" or "der" field`)
			d.fail(`{"raw":"`+b64(c.leaf)[:40]+"\n", "bad JSON at byte")
			d.fail(`[1,2]`+"\n", "JSON array where an object should be")
			d.fail(`{"raw":12}`+"\n", `"raw" is not a string`)
			d.fail(`{"der":"@@@@"}`+"\n", `"der": bad base64 at character 1`)
			d.fail(`{"raw":"`+b64(c.leaf)+`"} trailing`+"\n", "bad JSON")
			d.good(c.other, `{"raw":"`+b64(c.other)+`"}`+"\n")
		}},
		{"ndjson-long-line", Options{MaxLineSize: 4000}, func(d *doc) {
			d.good(c.leaf, `{"raw":"`+b64(c.leaf)+`"}`+"\n")
			d.fail(`{"pad":"`+strings.Repeat("x", 5000)+`"}`+"\n", "in:2: line longer than 4000 bytes")
			d.good(c.other, `{"raw":"`+b64(c.other)+`"}`+"\n")
		}},

		// Auto-detection failures
		{"unknown-binary", Options{}, func(d *doc) { d.failNoLine("\x89PNG\r\n\x1a\n\x00\x00", "not PEM, DER, base64 lines or NDJSON") }},
		{"unknown-text", Options{}, func(d *doc) { d.failNoLine("hello world\nthis is text\n", "not PEM, DER") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var d doc
			tt.build(&d)
			got := readAll(t, "in", d.b.String(), tt.opts)
			checkItems(t, "in", got, d.wants)
		})
	}
}

func TestReadLabels(t *testing.T) {
	c := certs(t)
	data := `{"raw":"` + b64(c.leaf) + `","name":"xmpp.example.org"}` + "\n" +
		`{"raw":"` + b64(c.leaf) + `","id":1234}` + "\n" +
		`{"raw":"` + b64(c.leaf) + `"}` + "\n"
	got := readAll(t, "x.ndjson", data, Options{})
	labels := []string{got[0].Label, got[1].Label, got[2].Label}
	if fmt.Sprint(labels) != "[xmpp.example.org 1234 ]" {
		t.Errorf("labels %q", labels)
	}
}

func TestErrorKinds(t *testing.T) {
	c := certs(t)
	tests := []struct {
		data string
		opts Options
		kind error
		text string
	}{
		{"-----BEGIN CERTIFICATE-----\nMII\n", Options{}, ErrTruncated, "in:1: CERTIFICATE block has no END line"},
		{string(c.leaf[:50]), Options{}, ErrTruncated, "in: at byte 0: truncated DER"},
		{b64(c.leaf) + "\n", Options{MaxCertSize: 10}, ErrTooLarge, "in:1: certificate of about"},
		{"MIIB@@@@@@@@@@@@@@@@\n", Options{Format: FormatBase64}, ErrMalformed, "in:1: bad base64"},
		{"\x01\x02", Options{}, ErrUnknownFormat, "in: not PEM"},
	}
	for _, tt := range tests {
		got := readAll(t, "in", tt.data, tt.opts)
		if len(got) != 1 || !errors.Is(got[0].Err, tt.kind) || !strings.HasPrefix(got[0].Err.Error(), tt.text) {
			t.Errorf("%q: got %v, want kind %v and %q", tt.data[:min(20, len(tt.data))], got, tt.kind, tt.text)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"", "auto", "PEM", "der", "base64", "NDJSON"} {
		if _, err := ParseFormat(s); err != nil {
			t.Errorf("ParseFormat(%q): %v", s, err)
		}
	}
	if _, err := ParseFormat("json"); err == nil {
		t.Error(`ParseFormat("json"): no error`)
	}
	err := Read(context.Background(), nil, strings.NewReader(""), Options{Format: "xml"}, func(Item) error { return nil })
	if err == nil {
		t.Error("Read with format xml: no error")
	}
}

func TestDetect(t *testing.T) {
	c := certs(t)
	tests := []struct {
		in   string
		want Format
	}{
		{"", formatBlank},
		{"\n# only comments\n\n", formatBlank},
		{string(c.leaf), FormatDER},
		{"\xef\xbb\xbf" + certPEM(c.leaf), FormatPEM},
		{"Bag Attributes\n    friendlyName: x\n" + certPEM(c.leaf), FormatPEM},
		{"# header\n" + b64(c.leaf) + "\n", FormatBase64},
		{`{"raw":"x"}`, FormatNDJSON},
		{"Mhello\n", formatUnknown},              // too short for a certificate
		{"hello\n" + b64(c.leaf), formatUnknown}, // text first, never a BEGIN
		{"\x89PNG", formatUnknown},
	}
	for _, tt := range tests {
		if got, ok := detect([]byte(tt.in), true); !ok || got != tt.want {
			t.Errorf("detect(%.20q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
	// A slow stream is classified from its first complete line.
	if f, ok := detect([]byte(b64(c.leaf)+"\nMII"), false); !ok || f != FormatBase64 {
		t.Errorf("partial base64 stream: %q %v", f, ok)
	}
	if _, ok := detect([]byte(b64(c.leaf)), false); ok {
		t.Error("an incomplete first line decided the format")
	}
}

// The reliability test of issue 4: a long stream of good and bad
// certificates in every format; every certificate comes out exactly once,
// the bad ones with errors naming the input, the line and the reason.
func TestCountInCountOut(t *testing.T) {
	c := certs(t)
	goods := [][]byte{c.leaf, c.inter, c.root, c.other}
	type kind struct {
		name string
		good func(der []byte) string
		bads []func(i int) (string, string) // content, error fragment
	}
	kinds := []kind{
		{"pem", certPEM, []func(int) (string, string){
			func(int) (string, string) {
				return "-----BEGIN CERTIFICATE-----\nMIIB*bad*\n-----END CERTIFICATE-----\n", "bad base64"
			},
			func(int) (string, string) {
				return "-----BEGIN CERTIFICATE-----\n" + b64(c.leaf)[:64] + "\n", "no END line"
			},
			func(int) (string, string) { return keyPEM + "stray text\n", "" },
		}},
		{"base64", func(der []byte) string { return b64(der) + "\n" }, []func(int) (string, string){
			func(i int) (string, string) { return fmt.Sprintf("MIIB garbage %d\n", i), "bad base64" },
			func(int) (string, string) { return b64(c.leaf)[:101] + "\n", "truncated base64 DER" },
			func(int) (string, string) { return "# comment\n\n", "" },
		}},
		{"ndjson", func(der []byte) string { return `{"raw":"` + b64(der) + `"}` + "\n" }, []func(int) (string, string){
			func(i int) (string, string) { return fmt.Sprintf(`{"id":%d}`+"\n", i), "no \"raw\" or \"der\"" },
			func(int) (string, string) { return `{"raw":` + "\n", "bad JSON" },
			func(int) (string, string) { return `{"der":"` + b64(c.leaf)[:33] + `"}` + "\n", "bad base64" },
		}},
	}
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			t.Parallel()
			var d doc
			for i := 0; i < 3000; i++ {
				if i%7 == 3 {
					content, frag := k.bads[i%len(k.bads)](i)
					if frag == "" {
						d.text(content)
					} else {
						d.fail(content, "in:"+itoa(d.line())+":", frag)
					}
					continue
				}
				der := goods[i%len(goods)]
				d.good(der, k.good(der))
			}
			checkItems(t, "in", readAll(t, "in", d.b.String(), Options{}), d.wants)
		})
	}
	t.Run("der", func(t *testing.T) {
		var d doc
		for i := 0; i < 1000; i++ {
			der := goods[i%len(goods)]
			d.goodNoLine(der, string(der))
		}
		d.failNoLine(string(c.leaf[:len(c.leaf)-1]), "truncated DER")
		checkItems(t, "in", readAll(t, "in", d.b.String(), Options{}), d.wants)
	})
}

var errStop = errors.New("stop")

func TestYieldErrorStops(t *testing.T) {
	c := certs(t)
	data := strings.Repeat(certPEM(c.leaf), 10)
	n := 0
	err := ReadFrom(context.Background(), "in", strings.NewReader(data), Options{}, func(Item) error {
		n++
		if n == 3 {
			return errStop
		}
		return nil
	})
	if err != errStop || n != 3 {
		t.Errorf("err %v after %d items, want errStop after 3", err, n)
	}
}

func TestCancel(t *testing.T) {
	c := certs(t)
	t.Run("between items", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		data := strings.Repeat(b64(c.leaf)+"\n", 100)
		n := 0
		err := Read(ctx, nil, strings.NewReader(data), Options{}, func(Item) error {
			n++
			if n == 5 {
				cancel()
			}
			return nil
		})
		if !errors.Is(err, context.Canceled) || n != 5 {
			t.Errorf("err %v after %d items", err, n)
		}
	})
	t.Run("blocked stdin", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw := io.Pipe()
		defer pw.Close()
		go func() {
			pw.Write([]byte(b64(c.leaf) + "\n")) // then nothing: a silent producer
		}()
		done := make(chan error, 1)
		n := 0
		go func() {
			done <- Read(ctx, []string{Stdin}, pr, Options{}, func(Item) error {
				n++
				cancel()
				return nil
			})
		}()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) || n != 1 {
				t.Errorf("err %v after %d items", err, n)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Read did not return after cancel while stdin was blocked")
		}
	})
}

// An I/O error in the middle of an input is one more item, and the end of
// that input.
func TestReadIOError(t *testing.T) {
	c := certs(t)
	for _, f := range []Format{FormatPEM, FormatDER, FormatBase64, FormatNDJSON} {
		good := string(stream(t, f, 2))
		r := io.MultiReader(strings.NewReader(good), iotest.ErrReader(errors.New("disk on fire")))
		var items []Item
		err := ReadFrom(context.Background(), "in", r, Options{}, func(it Item) error {
			items = append(items, it)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, "in", items, []want{ok(c.leaf, 0), ok(c.inter, 0), bad("in: disk on fire")})
	}
}
