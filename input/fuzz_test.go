package input

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/iotest"
)

// Fuzz targets for format detection and each reader. Every target checks
// the invariants of any item sequence (numbering, naming, exactly one of
// DER and Err, the size cap) and a property of its own that accounts for
// the certificates. Seeds live in testdata/fuzz; rewrite them with
//
//	go test ./input -run TestFuzzSeeds -update-seeds

// Small caps, so that fuzzing reaches them.
var fuzzOpts = Options{MaxCertSize: 2000, MaxLineSize: 1000}

func fuzzRead(t *testing.T, data []byte, opts Options) []Item {
	t.Helper()
	var items []Item
	err := ReadFrom(context.Background(), "f", bytes.NewReader(data), opts, func(it Item) error {
		items = append(items, it)
		return nil
	})
	if err != nil {
		t.Fatalf("ReadFrom: %v", err)
	}
	max := opts.MaxCertSize
	if max == 0 {
		max = DefaultMaxCertSize
	}
	checkInvariants(t, "f", items, max)
	return items
}

// FuzzDetect: detection never panics, and a stream that arrives byte by
// byte is classified as the whole prefix is.
func FuzzDetect(f *testing.F) {
	for _, s := range seedsDetect(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		whole := data[:min(len(data), sniffSize)]
		want, ok := detect(whole, true)
		if !ok {
			t.Fatal("undecided on a final prefix")
		}
		for k := 0; k <= len(whole); k++ {
			if got, ok := detect(whole[:k], false); ok {
				if got != want {
					t.Fatalf("prefix of %d bytes: %q, whole: %q", k, got, want)
				}
				break
			}
		}
		got, err := sniff(bufio.NewReaderSize(iotest.OneByteReader(bytes.NewReader(data)), sniffSize))
		if err != nil || got != want {
			t.Fatalf("sniff byte by byte: %q %v, want %q", got, err, want)
		}
	})
}

// FuzzReadAuto: any input, auto-detected.
func FuzzReadAuto(f *testing.F) {
	for _, s := range seedsDetect(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzRead(t, data, fuzzOpts)
	})
}

// FuzzReadPEM: whatever surrounds them, the blocks on their own lines are
// read.
func FuzzReadPEM(f *testing.F) {
	for _, s := range seedsPEM(f) {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, g1, g2 []byte) {
		c := certs(t)
		data := string(g1) + "\n" + certPEM(c.leaf) + string(g2) + "\n" + certPEM(c.other)
		opts := fuzzOpts
		opts.Format = FormatPEM
		items := fuzzRead(t, []byte(data), opts)
		last := items[len(items)-1]
		if last.Err != nil || !bytes.Equal(last.DER, c.other) {
			t.Fatalf("last item %s: %v, not the last certificate", last.Input, last.Err)
		}
		for _, it := range items[:len(items)-1] {
			if bytes.Equal(it.DER, c.leaf) {
				return
			}
		}
		t.Fatal("the first certificate is lost")
	})
}

// FuzzReadDER: a certificate then anything.
func FuzzReadDER(f *testing.F) {
	for _, s := range seedsDER(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, g []byte) {
		c := certs(t)
		opts := fuzzOpts
		opts.Format = FormatDER
		items := fuzzRead(t, append(append([]byte(nil), c.leaf...), g...), opts)
		if items[0].Err != nil || !bytes.Equal(items[0].DER, c.leaf) {
			t.Fatalf("first item: %v", items[0].Err)
		}
		// What follows the certificate is read as whole objects or ends in
		// one error: only an object whose framing holds (too large, a
		// container that is not read or is malformed inside) gives an
		// error item before the last.
		for i, it := range items[1:] {
			if it.Err == nil || i == len(items)-2 {
				continue
			}
			if !errors.Is(it.Err, ErrTooLarge) && !errors.Is(it.Err, ErrNotCertificate) && !strings.Contains(it.Err.Error(), "PKCS#7") {
				t.Fatalf("error item %s is not the last: %v", it.Input, it.Err)
			}
		}
	})
}

// FuzzReadBase64: one item per significant line, the good ones intact.
func FuzzReadBase64(f *testing.F) {
	for _, s := range seedsLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, g []byte) {
		c := certs(t)
		data := b64(c.leaf) + "\n" + string(g) + "\n" + b64(c.other) + "\n"
		opts := fuzzOpts
		opts.Format = FormatBase64
		items := fuzzRead(t, []byte(data), opts)
		if wrapsInto(string(g)) {
			// A line of g announces a longer DER: the lines after it may
			// continue it, as wrapped base64 does. The first certificate
			// stays intact, and nothing gives more items than lines.
			if !bytes.Equal(items[0].DER, c.leaf) || len(items) > strings.Count(data, "\n") {
				t.Fatalf("%d items; first: %v", len(items), items[0].Err)
			}
			return
		}
		checkLineItems(t, data, items, opts.MaxLineSize, true, c.leaf, c.other)
	})
}

// wrapsInto reports text with a base64 line whose DER header announces
// more bytes than the line holds: the start of wrapped base64.
func wrapsInto(text string) bool {
	for _, l := range strings.Split(text, "\n") {
		l = string(trimSpace([]byte(l)))
		if len(l) == 0 || !isBase64Line([]byte(l)) || strings.HasSuffix(l, "=") {
			continue
		}
		var s streamReader
		hdr, n, ok, err := tlvHeader(s.head([]byte(l)))
		if ok && err == nil && (hdr+n)*4 > 3*len(l) {
			return true
		}
	}
	return false
}

// FuzzReadPKCS7: a bundle with anything as its middle element gives its
// first certificate, then either its last one or an error that says why.
func FuzzReadPKCS7(f *testing.F) {
	for _, s := range seedsDER(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, g []byte) {
		c := certs(t)
		for _, format := range []Format{FormatAuto, FormatPEM} {
			data := p7(c.leaf, g, c.other)
			if format == FormatPEM {
				data = []byte(pemOf("PKCS7", data))
			}
			opts := fuzzOpts
			opts.Format = format
			items := fuzzRead(t, data, opts)
			if len(items) == 0 {
				t.Fatal("no item")
			}
			if !bytes.Equal(items[0].DER, c.leaf) && items[0].Err == nil {
				t.Fatalf("first item is not the first certificate")
			}
			last := items[len(items)-1]
			// The middle element's header may claim the last certificate's
			// bytes: framing cannot tell, the parser will.
			if !bytes.Equal(last.DER, c.other) && !bytes.HasSuffix(last.DER, c.other) {
				failed := false
				for _, it := range items {
					failed = failed || it.Err != nil
				}
				if !failed {
					t.Fatalf("%d items: the last certificate is lost without an error", len(items))
				}
			}
		}
	})
}

// FuzzReadGzip: a compressed input reads as the same input uncompressed.
func FuzzReadGzip(f *testing.F) {
	for _, s := range seedsDetect(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, g []byte) {
		if bytes.HasPrefix(g, gzipMagic) {
			return // gzip inside gzip is an error of its own
		}
		plain := fuzzRead(t, g, fuzzOpts)
		zipped := fuzzRead(t, gz(t, g), fuzzOpts)
		if len(plain) != len(zipped) {
			t.Fatalf("%d items, %d uncompressed", len(zipped), len(plain))
		}
		for i := range plain {
			if !bytes.Equal(plain[i].DER, zipped[i].DER) || (plain[i].Err == nil) != (zipped[i].Err == nil) ||
				plain[i].Err != nil && plain[i].Err.Error() != zipped[i].Err.Error() {
				t.Fatalf("item %d: %v, uncompressed %v", i, zipped[i].Err, plain[i].Err)
			}
		}
	})
}

// FuzzReadNDJSON: one item per non-blank line, the good ones intact.
func FuzzReadNDJSON(f *testing.F) {
	for _, s := range seedsLines(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, g []byte) {
		c := certs(t)
		data := `{"raw":"` + b64(c.leaf) + `"}` + "\n" + string(g) + "\n" + `{"der":"` + b64(c.other) + `"}` + "\n"
		opts := fuzzOpts
		opts.Format = FormatNDJSON
		items := fuzzRead(t, []byte(data), opts)
		checkLineItems(t, data, items, opts.MaxLineSize, false, c.leaf, c.other)
	})
}

// checkLineItems counts the lines that must give an item, independently of
// the reader, and checks the first and last certificates.
func checkLineItems(t *testing.T, data string, items []Item, max int, comments bool, first, last []byte) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(data, "\n"), "\n")
	n := 0
	for _, l := range lines {
		l = strings.TrimSuffix(l, "\r")
		if len(l) > max {
			n++
			continue
		}
		l = string(trimSpace([]byte(l)))
		if l == "" || comments && l[0] == '#' {
			continue
		}
		n++
	}
	if len(items) != n {
		t.Fatalf("%d items for %d significant lines", len(items), n)
	}
	if !bytes.Equal(items[0].DER, first) || !bytes.Equal(items[n-1].DER, last) {
		t.Fatalf("first or last certificate lost: %v / %v", items[0].Err, items[n-1].Err)
	}
}

// FuzzGrouper: any sequence of certificates, error items and inputs comes
// out of the Grouper once each, in order (pki.run checks it).
func FuzzGrouper(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3})
	f.Add([]byte("\x05\x02\x01\x00\x09\x0a\x0b\x06\x07"))
	names := []string{"L", "I2", "I1", "R", "L2", "I1x", "P", "P2", "D", "S", "!", "?", "/"}
	var once sync.Once
	var p *pki
	f.Fuzz(func(t *testing.T, seq []byte) {
		once.Do(func() { p = newPKI(t) })
		var b strings.Builder
		for _, c := range seq {
			b.WriteString(names[int(c)%len(names)] + " ")
		}
		p.run(t, b.String())
	})
}

// Seeds. They are built from the test certificates, so they live here and
// are also written to testdata/fuzz by TestFuzzSeeds.

func seedsDetect(tb testing.TB) [][]byte {
	c := certs(tb)
	s := []string{
		"", "\n", "# c\n\n", "\xef\xbb", "\xef\xbb\xbf0",
		certPEM(c.leaf), "junk\n" + certPEM(c.leaf), "\xef\xbb\xbf" + certPEM(c.leaf),
		string(c.leaf), string(c.leaf[:10]), "0",
		b64(c.leaf) + "\n", b64(c.leaf), "MIIBxxxxxxxxxxxx", "Mhello\n",
		`{"raw":"` + b64(c.leaf) + `"}` + "\n", "{", " {\n",
		"text\n-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE----- " + b64(c.leaf) + " -----END CERTIFICATE-----",
		"\x89PNG\r\n\x1a\n",
		pemOf("PKCS7", p7(c.leaf, c.inter)), string(p7(c.root)), string(p7()), string(p12()),
		wrap(b64(c.leaf), 76), wrap(b64(p7(c.other)), 64), string(gz(tb, c.leaf)),
		pemOf("CERTIFICATE REQUEST", []byte{0x30, 0x00}), pemOf("RSA PRIVATE KEY", []byte{0x30, 0x00}),
	}
	out := make([][]byte, len(s))
	for i := range s {
		out[i] = []byte(s[i])
	}
	return out
}

func seedsPEM(tb testing.TB) [][2][]byte {
	c := certs(tb)
	pairs := [][2]string{
		{"", ""},
		{"-----BEGIN CERTIFICATE-----\nMIIB", "-----END CERTIFICATE-----"},
		{"-----BEGIN PRIVATE KEY-----\nMC4CAQAw", "-----BEGIN TRUSTED CERTIFICATE-----\n" + b64(c.inter)},
		{"-----BEGIN CERTIFICATE----- " + b64(c.inter) + " -----END CERTIFICATE----- x -----BEGIN", "-----END X509 CRL-----"},
		{"Proc-Type: 4,ENCRYPTED\n-----BEGIN X509 CERTIFICATE-----\nA:B\n\n" + b64(c.root)[:100], "-----"},
		{strings.Repeat("A", 1500), "-----BEGIN CERTIFICATE-----\n" + strings.Repeat("QUFB", 600) + "\n-----END CERTIFICATE-----"},
		{"-----BEGIN TRUSTED CERTIFICATE-----\nMAA=\n-----END TRUSTED CERTIFICATE-----", "\r\r\n\x00"},
	}
	out := make([][2][]byte, len(pairs))
	for i, p := range pairs {
		out[i] = [2][]byte{[]byte(p[0]), []byte(p[1])}
	}
	return out
}

func seedsDER(tb testing.TB) [][]byte {
	c := certs(tb)
	s := []string{
		"", "\n", "\x00\x00 \r\n", string(c.inter), string(c.inter[:200]), "\x30", "\x30\x80",
		"\x30\x84\xff\xff\xff\xff", "\x30\x85\x01\x01\x01\x01\x01", "\x30\x82\x10\x00" + strings.Repeat("\x00", 100),
		"\x04\x02hi", "\n" + string(c.root) + "\n",
		string(p7(c.leaf)), string(p7()), string(p12()), "\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02",
		"\x30\x03\x02\x01\x00", "\x30\x06\x02\x01\x01\x04\x01\x00", "\x30\x04\x30\x02\x06\x00",
	}
	out := make([][]byte, len(s))
	for i := range s {
		out[i] = []byte(s[i])
	}
	return out
}

func seedsLines(tb testing.TB) [][]byte {
	c := certs(tb)
	s := []string{
		"", "#", "# x\n\n  \t\n", "====", "MIIB%%%", "Zm9v YmFy", b64(c.inter), "\r\n\r",
		base64URL(c.root), strings.Repeat("A", 1001), strings.Repeat("A", 999) + "\r",
		`{"raw":null,"der":"` + b64(c.root) + `"}`, `{"raw":"\/\/"}`, `[]`, `{"raw":"MII`, `{"id":1}`, `null`,
		`{"name":"n","raw":"` + b64(c.inter) + `"} x`,
		wrap(b64(c.root), 76), wrap(b64(c.inter), 64)[:200], b64(p12()), "MIIFAAAA\nAAAA",
	}
	out := make([][]byte, len(s))
	for i := range s {
		out[i] = []byte(s[i])
	}
	return out
}

func base64URL(der []byte) string {
	return strings.NewReplacer("+", "-", "/", "_", "=", "").Replace(b64(der))
}

var updateSeeds = flag.Bool("update-seeds", false, "rewrite the seed files in testdata/fuzz")

// TestFuzzSeeds writes the seeds above to testdata/fuzz when asked to, so
// that `go test -fuzz` starts from them and plain `go test` runs them.
func TestFuzzSeeds(t *testing.T) {
	if !*updateSeeds {
		t.Skip("run with -update-seeds to rewrite testdata/fuzz")
	}
	write := func(target string, i int, args ...[]byte) {
		var b strings.Builder
		b.WriteString("go test fuzz v1\n")
		for _, a := range args {
			fmt.Fprintf(&b, "[]byte(%s)\n", strconv.Quote(string(a)))
		}
		dir := filepath.Join("testdata", "fuzz", target)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("seed-%02d", i)), []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, target := range []string{"FuzzDetect", "FuzzReadAuto", "FuzzReadPEM", "FuzzReadDER", "FuzzReadBase64", "FuzzReadNDJSON", "FuzzReadPKCS7", "FuzzReadGzip"} {
		os.RemoveAll(filepath.Join("testdata", "fuzz", target))
	}
	for i, s := range seedsDetect(t) {
		write("FuzzDetect", i, s)
		write("FuzzReadAuto", i, s)
		write("FuzzReadGzip", i, s)
	}
	for i, s := range seedsPEM(t) {
		write("FuzzReadPEM", i, s[0], s[1])
	}
	for i, s := range seedsDER(t) {
		write("FuzzReadDER", i, s)
		write("FuzzReadPKCS7", i, s)
	}
	for i, s := range seedsLines(t) {
		write("FuzzReadBase64", i, s)
		write("FuzzReadNDJSON", i, s)
	}
}
