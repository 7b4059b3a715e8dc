package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"net/url"
	"path/filepath"

	"github.com/xmpplint/xmpplint/internal/livetest"
	"github.com/xmpplint/xmpplint/internal/termsafe"
)

// The attacks of issue 10, as data: each hostile input and what it must
// give. The text writer's own attack (control characters from any field)
// is FuzzTextWriter; the walk's are in input/walk_test.go.

// TestSARIFArtifactURI: a file name becomes one valid URI reference that
// decodes back to it; relative where the input was.
func TestSARIFArtifactURI(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ input, want string }{
		{"certs/a.pem#0", "certs/a.pem"},
		{"-#3", "-"},
		{"dir with space/x#y.pem#1", "dir%20with%20space/x%23y.pem"},
		{"<svg onload=alert(1)>.pem#0", "%3Csvg%20onload=alert%281%29%3E.pem"},
		{`trailing\#0`, "trailing%5C"},
		{"100%.pem#0", "100%25.pem"},
		{"c:evil.pem#0", "c%3Aevil.pem"},
		{"example.org@127.0.0.1:5222#0", "example.org@127.0.0.1%3A5222"},
		{"\xff\x1b[2J.pem#0", "%FF%1B%5B2J.pem"},
		{"/etc/ssl/a b.pem#0", "file:///etc/ssl/a%20b.pem"},
	} {
		got := artifactURI(tc.input)
		if filepath.Separator != '/' && tc.want[0] == 'f' {
			continue
		}
		if got != tc.want {
			t.Errorf("artifactURI(%q) = %q, want %q", tc.input, got, tc.want)
			continue
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Errorf("artifactURI(%q) = %q: %v", tc.input, got, err)
			continue
		}
		if u.Scheme != "" && u.Scheme != "file" {
			t.Errorf("artifactURI(%q) = %q reads as scheme %q", tc.input, got, u.Scheme)
		}
		if want := filepath.ToSlash(inputPath(tc.input)); u.Path != want {
			t.Errorf("artifactURI(%q) = %q decodes to %q", tc.input, got, u.Path)
		}
	}
}

// lockedBuffer is a bytes.Buffer that a test reads while the command writes.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestCheckHostileDomainLists: lines of `check -` that are not domains are
// error records of their own and the others are checked; the list is
// streamed: records come out while standard input is still open, and a
// 64 MiB line is never held in memory.
func TestCheckHostileDomainLists(t *testing.T) {
	p := livetest.NewPKI(t, "example.org", x509.ExtKeyUsageServerAuth)
	addr := "127.0.0.1:" + strconv.Itoa(livetest.Serve(t, livetest.STARTTLS(p, nil)))
	caFile := p.CAFile(t)
	for _, tc := range []struct {
		name  string
		lines []string
		want  []string // per record: its input, then "error" or "ok"
	}{
		{"line over 64 KiB", []string{strings.Repeat("a", 70000), "example.org"}, []string{"-:1#0 error", "example.org@" + addr + "#0 ok"}},
		{"line over 64 KiB last, no newline", []string{"example.org", strings.Repeat("b.", 40000)}, []string{"example.org@" + addr + "#0 ok", "-:2#0 error"}},
		{"control characters", []string{"exa\x1b[2Jmple.org", "example.org"}, []string{"exa\x1b[2Jmple.org#0 error", "example.org@" + addr + "#0 ok"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			env := &environment{stdin: strings.NewReader(strings.Join(tc.lines, "\n")), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
			env.dispatch([]string{"check", "--output", "ndjson", "--connect", addr, "--ca-file", caFile, "-"})
			var got []string
			for _, rec := range decodeRecords(t, out.String()) {
				if rec.ChainOf != "" {
					continue
				}
				st := "ok"
				if rec.Error != "" {
					st = "error"
					if len(rec.Error) > 300 {
						t.Errorf("error of %d bytes", len(rec.Error))
					}
				}
				got = append(got, rec.Input+" "+st)
			}
			if strings.Join(got, "; ") != strings.Join(tc.want, "; ") {
				t.Errorf("records %q, want %q; stderr %s", got, tc.want, errb.String())
			}
		})
	}

	t.Run("streamed", func(t *testing.T) {
		pr, pw := io.Pipe()
		defer pw.Close()
		var out, errb lockedBuffer
		env := &environment{stdin: pr, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
		code := make(chan int, 1)
		go func() {
			code <- env.dispatch([]string{"check", "--output", "ndjson", "--connect", addr, "--ca-file", caFile, "-"})
		}()
		io.WriteString(pw, "example.org\n")
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(out.String(), "example.org@") && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
		}
		if !strings.Contains(out.String(), "example.org@") {
			t.Fatalf("no record while standard input is open; stderr %s", errb.String())
		}
		// A 64 MiB line, then a domain: the line is counted, not kept.
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		chunk := bytes.Repeat([]byte("x"), 1<<20)
		for i := 0; i < 64; i++ {
			pw.Write(chunk)
		}
		io.WriteString(pw, "\nexample.org\n")
		pw.Close()
		if c := <-code; c != exitUsage { // the long line is an error record
			t.Errorf("exit %d; stderr %s", c, errb.String())
		}
		runtime.ReadMemStats(&after)
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 16<<20 {
			t.Errorf("reading a 64 MiB line allocated %d MiB", grew>>20)
		}
		recs := decodeRecords(t, out.String())
		var leaves []string
		for _, r := range recs {
			if r.ChainOf == "" {
				leaves = append(leaves, r.Input)
			}
		}
		if want := "example.org@" + addr + "#0 -:2#0 example.org@" + addr + "#0"; strings.Join(leaves, " ") != want {
			t.Errorf("records %q, want %q", leaves, want)
		}
	})
}

// TestCheckHostileServerText: a server whose stream error text forges a
// "trust verified / OK no findings" block gets one UNREACHABLE record whose
// error stays on its line, escaped.
func TestCheckHostileServerText(t *testing.T) {
	header := "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>"
	port := livetest.Serve(t, func(conn net.Conn) {
		if _, _, err := livetest.ReadHeader(conn); err != nil {
			return
		}
		io.WriteString(conn, header+"<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"+
			"<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>x&#13;\nexample.org@127.0.0.1:5269#0  server\n  trust    verified to system roots\n  OK     no findings (40 passed)\u009b2J</text></stream:error>")
	})
	var out, errb bytes.Buffer
	env := &environment{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	env.dispatch([]string{"check", "--connect", "127.0.0.1:" + strconv.Itoa(port), "example.org"})
	text := out.String()
	if c := controlIn(text); c != "" {
		t.Errorf("control character %q in:\n%s", c, text)
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "  OK") || strings.HasPrefix(line, "  trust") {
			t.Errorf("forged line %q in:\n%s", line, text)
		}
	}
	if !strings.Contains(text, `x\r\nexample.org@127.0.0.1:5269#0  server\n  trust    verified`) {
		t.Errorf("the server's text is not shown escaped:\n%s", text)
	}
}

// TestAuditSymlinkFanOut: a tree of 17 directories with two links each to
// the next holds one certificate, and gives one record, whose note names
// the paths skipped.
func TestAuditSymlinkFanOut(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 17; i++ {
		d := filepath.Join(dir, "d"+strconv.Itoa(i))
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		for _, l := range []string{"a", "b"} {
			if err := os.Symlink(filepath.Join("..", "d"+strconv.Itoa(i+1)), filepath.Join(d, l)); err != nil {
				t.Skipf("no symbolic links here: %v", err)
			}
		}
	}
	if err := os.MkdirAll(filepath.Join(dir, "d17"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "d17", "leaf.pem"), []byte(pemOf(t, "server-base")), 0o644); err != nil {
		t.Fatal(err)
	}
	r := xmpplint(t, "", "lint", "--output", "ndjson", dir)
	recs := decodeRecords(t, r.stdout)
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1; stderr %s", len(recs), r.stderr)
	}
	if n := recs[0].Notes; len(n) == 0 || !strings.Contains(n[0], "skipped as already read") || !strings.Contains(n[0], "and 31 more") {
		t.Errorf("notes %q", n)
	}
}

// auditPipe runs `audit --records FILE -` on a pipe in the background.
func auditPipe(t *testing.T) (pw *io.PipeWriter, records string, code chan int) {
	t.Helper()
	pr, pw := io.Pipe()
	records = filepath.Join(t.TempDir(), "r.ndjson")
	var out, errb lockedBuffer
	env := &environment{stdin: pr, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
	code = make(chan int, 1)
	go func() {
		code <- env.dispatch([]string{"audit", "--progress", "never", "--summary", "json", "--records", records, "-"})
	}()
	return pw, records, code
}

// TestAuditPipeHoldsNothing: a certificate read from a pipe that then goes
// quiet gets its record while the pipe is still open (the grouper does not
// hold the leaf until the next certificate), and one read just before an
// interrupt gets its record too: (cat cert.pem; sleep 20) | xmpplint audit.
func TestAuditPipeHoldsNothing(t *testing.T) {
	leaf := pemOf(t, "server-base")
	t.Run("idle", func(t *testing.T) {
		pw, records, code := auditPipe(t)
		io.WriteString(pw, leaf)
		deadline := time.Now().Add(10 * time.Second)
		var seen int
		for time.Now().Before(deadline) && seen == 0 {
			time.Sleep(100 * time.Millisecond)
			data, _ := os.ReadFile(records)
			seen = strings.Count(string(data), "\n")
		}
		pw.Close()
		<-code
		data, _ := os.ReadFile(records)
		if n := len(decodeRecords(t, string(data))); n != 1 || seen != 1 {
			t.Errorf("%d records in the end, %d while the pipe was open; want 1 and 1", n, seen)
		}
	})
	t.Run("burst", func(t *testing.T) {
		// Two self-signed certificates written at once make two records
		// within a millisecond: the second must not wait in the buffer
		// for a third (flushing only on a write, at most every 100 ms,
		// left it there until the pipe closed).
		self := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hostileCert(t, "a.example", 0)}))
		pw, records, code := auditPipe(t)
		io.WriteString(pw, self+self)
		deadline := time.Now().Add(10 * time.Second)
		var seen int
		for time.Now().Before(deadline) && seen < 2 {
			time.Sleep(100 * time.Millisecond)
			data, _ := os.ReadFile(records)
			seen = strings.Count(string(data), "\n")
		}
		pw.Close()
		<-code
		if seen != 2 {
			t.Errorf("%d records while the pipe was open, want 2", seen)
		}
	})
	t.Run("interrupt", func(t *testing.T) {
		old := groupIdle
		groupIdle = time.Hour // only the interrupt can hand the leaf on
		defer func() { groupIdle = old }()
		pw, records, code := auditPipe(t)
		defer pw.Close()
		io.WriteString(pw, leaf) // returns once the reader has the bytes
		time.Sleep(200 * time.Millisecond)
		self, _ := os.FindProcess(os.Getpid())
		if err := self.Signal(os.Interrupt); err != nil {
			t.Skipf("cannot interrupt: %v", err)
		}
		select {
		case c := <-code:
			if c != exitInterrupted {
				t.Errorf("exit %d, want %d", c, exitInterrupted)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the audit did not stop on SIGINT")
		}
		data, _ := os.ReadFile(records)
		if n := len(decodeRecords(t, string(data))); n != 1 {
			t.Errorf("%d records after SIGINT, want the 1 certificate read", n)
		}
	})
}

// TestWorkersRange: --workers outside 1 to MaxWorkers is a usage error,
// for every command that has it; the default (flag not given) is valid.
func TestWorkersRange(t *testing.T) {
	for _, tc := range []struct {
		n     int
		given bool
		ok    bool
	}{{0, false, true}, {1, true, true}, {MaxWorkers, true, true}, {0, true, false}, {-1, true, false}, {1000000, true, false}} {
		if err := checkWorkers(tc.n, tc.given); (err == nil) != tc.ok {
			t.Errorf("checkWorkers(%d, %v) = %v", tc.n, tc.given, err)
		}
	}
	for _, cmd := range []string{"lint", "audit", "check"} {
		for _, n := range []string{"0", "-1", "1000000"} {
			r := xmpplint(t, "", cmd, "--workers", n, "example.org")
			if r.code != exitUsage || !strings.Contains(r.stderr, "--workers "+n+": want 1 to 256") {
				t.Errorf("%s --workers %s: exit %d, stderr %q", cmd, n, r.code, r.stderr)
			}
		}
	}
}

// hostileCert is a self-signed server certificate whose subject CN, DNS-ID
// and XmppAddr hold s (the SAN built by hand: crypto/x509 checks dNSNames),
// plus n more XmppAddrs (n < 0: -n more subject attributes of a type
// without a short name; n < -1,000,000: -n - 1,000,000 more EKU purposes).
func hostileCert(t testing.TB, s string, n int) []byte {
	t.Helper()
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	type otherName struct {
		TypeID asn1.ObjectIdentifier
		Value  asn1.RawValue // [0] EXPLICIT, built by hand
	}
	xmppAddr := func(v string) asn1.RawValue {
		inner, err := asn1.MarshalWithParams(v, "utf8")
		if err != nil {
			t.Fatal(err)
		}
		der, err := asn1.MarshalWithParams(otherName{asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}, asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner}}, "tag:0")
		if err != nil {
			t.Fatal(err)
		}
		return asn1.RawValue{FullBytes: der}
	}
	names := []asn1.RawValue{{Class: asn1.ClassContextSpecific, Tag: 2, Bytes: []byte(s)}, xmppAddr(s)}
	subject := pkix.Name{CommonName: s}
	var ekus []asn1.ObjectIdentifier
	if n < -1000000 { // (-n - 1000000) unknown EKU purposes
		for i := 0; i < -n-1000000; i++ {
			ekus = append(ekus, asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 2, i + 1})
		}
		n = 0
	}
	if n < 0 { // -n attributes of a type without a short name in the subject
		for i := 0; i < -n; i++ {
			subject.ExtraNames = append(subject.ExtraNames, pkix.AttributeTypeAndValue{Type: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Value: "v" + strconv.Itoa(i)})
		}
	}
	for i := 0; i < n; i++ {
		names = append(names, xmppAddr("h"+strconv.Itoa(i)+".example"))
	}
	san, err := asn1.Marshal(names)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(10), Subject: subject,
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		ExtKeyUsage:        []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		UnknownExtKeyUsage: ekus,
		ExtraExtensions:    []pkix.Extension{{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: san}},
	}
	der, err := x509.CreateCertificate(nil, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

// TestHostileCertificates: the attacks of issue 10 on `lint`, as data.
// Each hostile input goes through the text output (no control character
// from input, no forged line, the value shown escaped) and the NDJSON
// records (one per certificate, bounded in size).
func TestHostileCertificates(t *testing.T) {
	dir := t.TempDir()
	pemOfDER := func(der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}))
	}
	for _, tc := range []struct {
		name     string
		file     string // file name to write the input as
		content  func() string
		shown    string // what the text output must hold
		maxBytes int    // bound on the NDJSON record's line
	}{
		{"clear screen in CN and SANs", "a.pem", func() string { return pemOfDER(hostileCert(t, "x\x1b[2J\x1b[H.example", 0)) },
			`x\x1b[2J\x1b[H.example`, 64 << 10},
		{"OSC retitle", "b.pem", func() string { return pemOfDER(hostileCert(t, "\x1b]0;owned\x07", 0)) }, `\x1b]0;owned\x07`, 64 << 10},
		{"forged OK line", "c.pem", func() string {
			return pemOfDER(hostileCert(t, "x\r\n  OK     no findings (60 passed, 2 not applicable)", 0))
		}, `x\r\n  OK     no findings`, 64 << 10},
		{"C1 and bidi", "d.pem", func() string { return pemOfDER(hostileCert(t, "\u009b2J\u202egnp.example", 0)) }, `\u009b2J\u202egnp.example`, 64 << 10},
		{"file name with escapes", "e\x1b[31m\n  OK.pem", func() string { return pemOfDER(hostileCert(t, "ok.example", 0)) }, `e\x1b[31m\n  OK.pem#0`, 64 << 10},
		{"NDJSON label", "f.ndjson", func() string {
			return `{"name":"\u001b[2J\nforged","raw":"` + base64.StdEncoding.EncodeToString(hostileCert(t, "ok.example", 0)) + `"}` + "\n"
		}, `\x1b[2J\nforged`, 64 << 10},
		{"20,000 XmppAddrs", "g.pem", func() string { return pemOfDER(hostileCert(t, "many.example", 20000)) }, "and 19996 more (20001 in all)", 64 << 10},
		// zcrypto's Name.String is quadratic: 20,000 attributes took it
		// some 15 s per rendering, 40,000 a minute.
		{"20,000 EKU purposes", "i.pem", func() string { return pemOfDER(hostileCert(t, "many.example", -1020000)) }, "and 19996 more (20001 in all)", 64 << 10},
		{"20,000 subject attributes", "h.pem", func() string { return pemOfDER(hostileCert(t, "many.example", -20000)) }, "[19937 more attributes, 20001 in all]", 64 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			defer func() {
				if d := time.Since(start); d > 10*time.Second {
					t.Errorf("took %v: some work grows faster than the input", d)
				}
			}()
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(tc.content()), 0o644); err != nil {
				t.Skipf("this file system refuses the name: %v", err)
			}
			for _, color := range []string{"never", "always"} {
				r := xmpplint(t, "", "lint", "--color", color, path)
				if c := controlIn(r.stdout + r.stderr); c != "" {
					t.Errorf("color %s: control character %q reached the output:\n%s", color, c, r.stdout)
				}
				plain := r.stdout
				for _, c := range ourColours {
					plain = strings.ReplaceAll(plain, c, "")
				}
				if !strings.Contains(plain, tc.shown) {
					t.Errorf("color %s: output does not show %q:\n%s", color, tc.shown, plain)
				}
				for _, line := range strings.Split(plain, "\n") {
					if strings.HasPrefix(line, "  OK     no findings (60") {
						t.Errorf("forged line %q", line)
					}
				}
			}
			// Machine formats: valid JSON, with C1 controls and bidi marks
			// written as \u escapes, so that `cat records.ndjson` shows them
			// and a terminal does not act on them (C0 is escaped by JSON).
			for _, format := range []string{"ndjson", "json", "sarif"} {
				r := xmpplint(t, "", "lint", "--output", format, path)
				for _, c := range r.stdout {
					if c > 0x7f && termsafe.Unsafe(c) {
						t.Errorf("--output %s: raw %U in the output", format, c)
						break
					}
				}
			}
			r := xmpplint(t, "", "lint", "--output", "ndjson", path)
			lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
			if len(lines) != 1 {
				t.Fatalf("%d records, want 1: %s", len(lines), r.stderr)
			}
			if len(lines[0]) > tc.maxBytes {
				t.Errorf("record of %d bytes, want at most %d", len(lines[0]), tc.maxBytes)
			}
		})
	}
}

// TestZlintHugeSubject: --with-zlint on a subject of 40,000 attributes.
// zcrypto's pkix.Name.String is quadratic (12 s for this subject on the
// machine this was written on); none of zlint v3.7.3's lints calls it and
// xmpplint renders names itself (check/dn.go), so the run takes well under
// a second. A zlint upgrade whose lints render the name would show here.
func TestZlintHugeSubject(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge-subject.pem")
	// Issued by a small name (a self-signed one would hold it twice and
	// pass the reader's 1 MiB cap): 40,000 attributes of a type without a
	// short name, 0.9 MB.
	key := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	var rdns pkix.RDNSequence
	for i := 0; i < 40000; i++ {
		rdns = append(rdns, pkix.RelativeDistinguishedNameSET{{Type: asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1}, Value: "v" + strconv.Itoa(i)}})
	}
	rawSubject, err := asn1.Marshal(rdns)
	if err != nil {
		t.Fatal(err)
	}
	issuer := &x509.Certificate{Subject: pkix.Name{CommonName: "issuer"}}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(11), RawSubject: rawSubject, DNSNames: []string{"many.example"},
		NotBefore: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC),
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(nil, tmpl, issuer, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	r := xmpplint(t, "", "lint", "--with-zlint", "--output", "ndjson", path)
	if d := time.Since(start); d > 8*time.Second {
		t.Errorf("--with-zlint on 40,000 subject attributes took %v: a lint renders the name (quadratic)", d)
	}
	var rec struct {
		Results map[string]struct {
			Result string `json:"result"`
		} `json:"results"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatalf("exit %d: %v: %s", r.code, err, r.stderr)
	}
	if res, ok := rec.Results["e_subj_contains_html_entities"]; !ok || res.Result == "fatal" {
		t.Errorf("zlint's subject lints did not run: %+v: %.300s", res, r.stdout)
	}
}

// TestLintPipeShowsRecords: `(cat cert.pem; sleep 20) | xmpplint lint -`
// prints the record while the pipe is still open, in text and NDJSON: the
// writer's buffer is flushed within 100 ms of a record, as audit's is.
func TestLintPipeShowsRecords(t *testing.T) {
	self := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: hostileCert(t, "a.example", 0)}))
	for _, format := range []string{"text", "ndjson"} {
		t.Run(format, func(t *testing.T) {
			pr, pw := io.Pipe()
			var out, errb lockedBuffer
			env := &environment{stdin: pr, stdout: &out, stderr: &errb, getenv: func(string) string { return "" }}
			code := make(chan int, 1)
			go func() { code <- env.dispatch([]string{"lint", "--output", format, "-"}) }()
			io.WriteString(pw, self)
			deadline := time.Now().Add(10 * time.Second)
			for time.Now().Before(deadline) && !strings.Contains(out.String(), "a.example") {
				time.Sleep(50 * time.Millisecond)
			}
			shown := strings.Contains(out.String(), "a.example")
			pw.Close()
			<-code
			if !shown {
				t.Errorf("no record while the pipe was open; in the end:\n%s", out.String())
			}
		})
	}
}
