package server

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"go.step.sm/crypto/x509util"
	"golang.org/x/crypto/cryptobyte"
	cbasn1 "golang.org/x/crypto/cryptobyte/asn1"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
	_ "github.com/xmpplint/xmpplint/lints"
)

// testServer starts the public and monitoring handlers of a server built
// from opts on httptest servers.
type testServer struct {
	*Server
	reg      *prometheus.Registry
	pub, mon *httptest.Server
	logs     *bytes.Buffer
}

func newTestServer(t testing.TB, opts Options) *testServer {
	t.Helper()
	reg := prometheus.NewRegistry()
	logs := new(bytes.Buffer)
	s, err := New(opts, reg, reg, slog.New(slog.NewJSONHandler(&lockedWriter{w: logs}, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := &testServer{Server: s, reg: reg, logs: logs}
	ts.pub = httptest.NewServer(s.Handler())
	ts.mon = httptest.NewServer(s.MonitorHandler())
	t.Cleanup(func() { ts.pub.Close(); ts.mon.Close() })
	return ts
}

type lockedWriter struct {
	w io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) { return l.w.Write(p) }

func corpusDER(t testing.TB, name string) []byte {
	t.Helper()
	ders, err := corpus.Load(name)
	if err != nil {
		t.Fatal(err)
	}
	return ders[0]
}

func postForm(t testing.TB, u string, form url.Values, hdr map[string]string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return do(t, req)
}

func do(t testing.TB, req *http.Request) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func decodeFindings(t testing.TB, body []byte) []Finding {
	t.Helper()
	var rows []Finding
	if err := json.Unmarshal(body, &rows); err != nil {
		t.Fatalf("not pkimetal JSON: %v\n%s", err, body)
	}
	return rows
}

func codes(rows []Finding) map[string]string {
	m := map[string]string{}
	for _, r := range rows {
		if r.Code != "" {
			m[r.Code] = r.Severity
		}
	}
	return m
}

func TestLintCertPKIMetalJSON(t *testing.T) {
	ts := newTestServer(t, Options{})
	der := corpusDER(t, "srvid-no-service-label")
	resp, body := postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {base64.StdEncoding.EncodeToString(der)}}, nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	rows := decodeFindings(t, body)
	if len(rows) < 2 || rows[0].Severity != "meta" || rows[0].Linter != "xmpplint" || !strings.HasPrefix(rows[0].Finding, "Profile: ca; Version: ") {
		t.Fatalf("want the meta row first, got %+v", rows)
	}
	if got := codes(rows)["e_xmpp_srvname_malformed"]; got != "error" {
		t.Errorf("e_xmpp_srvname_malformed: got severity %q, want error; rows %+v", got, rows)
	}
	for _, r := range rows[1:] {
		if r.Code == "" || r.Finding == "" || r.Linter != "xmpplint" {
			t.Errorf("row without code or finding: %+v", r)
		}
	}
	// Raw JSON keys are pkimetal's: Linter, Finding, Code, Severity.
	if !bytes.Contains(body, []byte(`"Linter":"xmpplint","Finding":`)) || !bytes.Contains(body, []byte(`"Code":"e_xmpp_srvname_malformed","Severity":"error"`)) {
		t.Errorf("JSON keys not pkimetal's: %s", body)
	}

	// severity=error drops the meta row and everything below error; the
	// alias b64cert works as b64input.
	_, body = postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64cert": {base64.StdEncoding.EncodeToString(der)}, "severity": {"error"}}, nil)
	for _, r := range decodeFindings(t, body) {
		if r.Severity != "error" && r.Severity != "fatal" {
			t.Errorf("severity=error let %+v through", r)
		}
	}

	// A clean certificate at severity=warning gives an empty array.
	_, body = postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {pemOf("CERTIFICATE", corpusDER(t, "server-base"))}, "severity": {"warning"}, "profile": {"xmpp"}}, nil)
	if strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("server-base at warning: want [], got %s", body)
	}
}

func pemOf(label string, der []byte) string {
	return string(pem.EncodeToMemory(&pem.Block{Type: label, Bytes: der}))
}

func TestLintCertFormats(t *testing.T) {
	ts := newTestServer(t, Options{})
	b64 := base64.StdEncoding.EncodeToString(corpusDER(t, "srvid-no-service-label"))
	resp, body := postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {b64}}, map[string]string{"Accept": "text/plain"})
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") || !strings.Contains(string(body), "xmpplint\tERROR\te_xmpp_srvname_malformed: ") {
		t.Errorf("text via Accept: %s\n%s", resp.Header.Get("Content-Type"), body)
	}
	resp, body = postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {b64}, "format": {"html"}}, map[string]string{"Accept": "application/json"})
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "<td>e_xmpp_srvname_malformed</td>") {
		t.Errorf("html via format= in the body (over Accept): %s\n%s", resp.Header.Get("Content-Type"), body)
	}
	// Query parameters, as pkimetal reads them too.
	resp, body = postForm(t, ts.pub.URL+"/lintcert?format=text&severity=error", url.Values{"b64input": {b64}}, nil)
	if resp.StatusCode != 200 || strings.Contains(string(body), "META") || !strings.Contains(string(body), "ERROR") {
		t.Errorf("query format/severity: %d %s", resp.StatusCode, body)
	}
	// Multipart, as pkimetal's web form can send.
	var mp bytes.Buffer
	mw := multipart.NewWriter(&mp)
	mw.WriteField("b64input", b64)
	mw.WriteField("severity", "error")
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, ts.pub.URL+"/lintcert", &mp)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, body = do(t, req)
	if resp.StatusCode != 200 || codes(decodeFindings(t, body))["e_xmpp_srvname_malformed"] != "error" {
		t.Errorf("multipart: %d %s", resp.StatusCode, body)
	}
	// DER body with pkimetal's content type.
	req, _ = http.NewRequest(http.MethodPost, ts.pub.URL+"/lintcert", bytes.NewReader(corpusDER(t, "srvid-no-service-label")))
	req.Header.Set("Content-Type", "application/pkix-cert")
	resp, body = do(t, req)
	if resp.StatusCode != 200 || codes(decodeFindings(t, body))["e_xmpp_srvname_malformed"] != "error" {
		t.Errorf("DER body: %d %s", resp.StatusCode, body)
	}
	// An HTML answer escapes what the certificate says.
	if bytes.Contains(body, []byte("<script")) {
		t.Errorf("unescaped markup")
	}
}

func TestBadInputIs400(t *testing.T) {
	ts := newTestServer(t, Options{MaxBody: 4096})
	good := base64.StdEncoding.EncodeToString(corpusDER(t, "server-base"))
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"no input", url.Values{"severity": {"meta"}}, 400, "no b64input"},
		{"not base64", url.Values{"b64input": {"%%%not base64"}}, 400, "neither PEM nor base64"},
		{"not a certificate", url.Values{"b64input": {base64.StdEncoding.EncodeToString([]byte("hello, world"))}}, 400, "not a parseable X.509 certificate"},
		{"truncated", url.Values{"b64input": {good[:len(good)/2]}}, 400, "Unrecognised input"},
		{"severity", url.Values{"b64input": {good}, "severity": {"loud"}}, 400, "Unrecognised severity"},
		{"profile", url.Values{"b64input": {good}, "profile": {"nope"}}, 400, "Unrecognised profile"},
		{"format", url.Values{"b64input": {good}, "format": {"xml"}}, 400, "Unrecognised response format"},
		{"too large", url.Values{"b64input": {strings.Repeat("A", 8192)}}, 413, "request body over 4096 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := postForm(t, ts.pub.URL+"/lintcert", tc.form, nil)
			if resp.StatusCode != tc.status {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tc.status, body)
			}
			rows := decodeFindings(t, body)
			if len(rows) != 1 || rows[0].Severity != "fatal" || !strings.Contains(rows[0].Finding, tc.want) {
				t.Errorf("want one fatal row naming %q, got %s", tc.want, body)
			}
		})
	}
	req, _ := http.NewRequest(http.MethodPost, ts.pub.URL+"/lintcert", strings.NewReader("x"))
	req.Header.Set("Content-Type", "application/xml")
	resp, body := do(t, req)
	if resp.StatusCode != 400 || !strings.Contains(string(body), "unsupported content type") {
		t.Errorf("content type: %d %s", resp.StatusCode, body)
	}
	resp, body = do(t, mustReq(http.NewRequest(http.MethodPut, ts.pub.URL+"/lintcert", nil)))
	if resp.StatusCode != 405 {
		t.Errorf("PUT: %d %s", resp.StatusCode, body)
	}
	resp, body = do(t, mustReq(http.NewRequest(http.MethodGet, ts.pub.URL+"/nothing", nil)))
	if resp.StatusCode != 404 || !strings.Contains(string(body), `"error"`) {
		t.Errorf("unknown path: %d %s", resp.StatusCode, body)
	}
}

func mustReq(r *http.Request, err error) *http.Request {
	if err != nil {
		panic(err)
	}
	return r
}

func TestGetEndpoints(t *testing.T) {
	ts := newTestServer(t, Options{})
	for _, p := range []string{"/lintcert", "/linttbscert", "/lintcsr"} {
		resp, body := do(t, mustReq(http.NewRequest(http.MethodGet, ts.pub.URL+p, nil)))
		if resp.StatusCode != 200 || !strings.Contains(string(body), `<form method="post" action="`+p+`"`) || !strings.Contains(string(body), `name="b64input"`) {
			t.Errorf("GET %s: %d %s", p, resp.StatusCode, body)
		}
	}
	_, body := do(t, mustReq(http.NewRequest(http.MethodGet, ts.pub.URL+"/linters", nil)))
	var linters []map[string]any
	if err := json.Unmarshal(body, &linters); err != nil || len(linters) != 1 || linters[0]["Name"] != "xmpplint" || linters[0]["Url"] == nil || linters[0]["Instances"] == nil {
		t.Errorf("/linters: %v %s", err, body)
	}
	_, body = do(t, mustReq(http.NewRequest(http.MethodGet, ts.pub.URL+"/profiles", nil)))
	var profiles []map[string]string
	if err := json.Unmarshal(body, &profiles); err != nil || len(profiles) < 4 || profiles[0]["Name"] != "autodetect" || profiles[1]["Description"] == "" {
		t.Errorf("/profiles: %v %s", err, body)
	}
}

// tbsOf cuts the tbsCertificate out of a certificate.
func tbsOf(t testing.TB, der []byte) []byte {
	s := cryptobyte.String(der)
	var cert, tbs cryptobyte.String
	if !s.ReadASN1(&cert, cbasn1.SEQUENCE) || !cert.ReadASN1Element(&tbs, cbasn1.SEQUENCE) {
		t.Fatal("not a certificate")
	}
	return tbs
}

func TestLintTBSCertEqualsSigned(t *testing.T) {
	ts := newTestServer(t, Options{})
	for _, name := range []string{"server-base", "srvid-no-service-label", "eku-client-auth-only", "client-base"} {
		der := corpusDER(t, name)
		_, signed := postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {base64.StdEncoding.EncodeToString(der)}, "severity": {"debug"}}, nil)
		resp, tbs := postForm(t, ts.pub.URL+"/linttbscert", url.Values{"b64tbscert": {pemOf("TBS CERTIFICATE", tbsOf(t, der))}, "severity": {"debug"}}, nil)
		if resp.StatusCode != 200 || !bytes.Equal(signed, tbs) {
			t.Errorf("%s: the TBS's findings differ from the certificate's:\n%s\n%s", name, signed, tbs)
		}
	}
	// A raw DER TBS with pkimetal's content type.
	req, _ := http.NewRequest(http.MethodPost, ts.pub.URL+"/linttbscert", bytes.NewReader(tbsOf(t, corpusDER(t, "srvid-no-service-label"))))
	req.Header.Set("Content-Type", "application/octet-stream")
	resp, body := do(t, req)
	if resp.StatusCode != 200 || codes(decodeFindings(t, body))["e_xmpp_srvname_malformed"] != "error" {
		t.Errorf("DER TBS: %d %s", resp.StatusCode, body)
	}
}

// csrDER makes a CSR requesting the SANs and EKU of a corpus template.
func csrDER(t testing.TB, sans []corpus.GeneralName, ekus ...asn1.ObjectIdentifier) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var seq []byte
	for _, gn := range sans {
		seq = append(seq, gn.FullBytes...)
	}
	san, _ := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: seq})
	exts := []pkix.Extension{{Id: corpus.OIDSAN, Value: san}}
	if len(ekus) > 0 {
		exts = append(exts, corpus.EKUExtension(false, ekus...))
	}
	der, err := x509.CreateCertificateRequest(rand.Reader, &x509.CertificateRequest{Subject: pkix.Name{Organization: []string{"xmpplint test"}}, ExtraExtensions: exts}, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestLintCSR(t *testing.T) {
	ts := newTestServer(t, Options{})
	good := csrDER(t, []corpus.GeneralName{corpus.DNS("example.org"), corpus.SRV("_xmpp-server.example.org")}, corpus.OIDEKUServerAuth)
	resp, body := postForm(t, ts.pub.URL+"/lintcsr", url.Values{"b64csr": {pemOf("CERTIFICATE REQUEST", good)}, "severity": {"error"}}, nil)
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "[]" {
		t.Errorf("good CSR: %d %s", resp.StatusCode, body)
	}
	badSRV := csrDER(t, []corpus.GeneralName{corpus.DNS("example.org"), corpus.SRV("*.example.org")}, corpus.OIDEKUServerAuth)
	resp, body = postForm(t, ts.pub.URL+"/lintcsr", url.Values{"b64input": {base64.StdEncoding.EncodeToString(badSRV)}}, nil)
	if resp.StatusCode != 200 || codes(decodeFindings(t, body))["e_xmpp_srvname_malformed"] != "error" {
		t.Errorf("CSR with a malformed SRV-ID: %d %s", resp.StatusCode, body)
	}
	// A CSR whose self-signature does not verify is refused, naming it.
	broken := append([]byte(nil), good...)
	broken[len(broken)-3] ^= 0xff
	resp, body = postForm(t, ts.pub.URL+"/lintcsr", url.Values{"b64input": {base64.StdEncoding.EncodeToString(broken)}}, nil)
	if resp.StatusCode != 400 || !strings.Contains(strings.ToLower(string(body)), "signature") {
		t.Errorf("CSR with a bad signature: %d %s", resp.StatusCode, body)
	}
}

func TestNativeEndpoint(t *testing.T) {
	ts := newTestServer(t, Options{})
	chain, err := corpus.File("chain-ca-server-auth-only")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint?domain=example.org&service=xmpp-server", bytes.NewReader(chain))))
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/x-ndjson" {
		t.Fatalf("chain: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	lines := strings.Split(strings.TrimSpace(string(body)), "\n")
	if len(lines) != 2 {
		t.Fatalf("want 2 records (leaf, intermediate), got %d: %s", len(lines), body)
	}
	var leaf, ca map[string]any
	json.Unmarshal([]byte(lines[0]), &leaf)
	json.Unmarshal([]byte(lines[1]), &ca)
	if leaf["input"] != "body#0" || leaf["federation"] == nil || ca["chain_of"] != "body#0" {
		t.Errorf("records: %s", body)
	}
	// The domain enables the identity lints (NA without one).
	if !strings.Contains(lines[0], `"e_xmpp_no_identity_for_domain":{"result":"pass"}`) {
		t.Errorf("the domain did not enable the identity lints: %s", lines[0])
	}
	_, body = do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint?domain=example.net", bytes.NewReader(chain))))
	if !strings.Contains(string(body), `"e_xmpp_no_identity_for_domain":{"result":"error"`) {
		t.Errorf("another domain is not refused: %s", body)
	}
	_, body = do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint", bytes.NewReader(chain))))
	if !strings.Contains(string(body), `"e_xmpp_no_identity_for_domain":{"result":"NA"}`) {
		t.Errorf("without a domain: %s", body)
	}

	// One certificate: a JSON object; federation=false drops the verdicts.
	resp, body = do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint?federation=false", strings.NewReader(pemOf("CERTIFICATE", corpusDER(t, "server-base"))))))
	var one map[string]any
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" || json.Unmarshal(body, &one) != nil || one["federation"] != nil {
		t.Errorf("one certificate: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}

	// A form with b64input, as the pkimetal endpoints take it.
	resp, body = postForm(t, ts.pub.URL+"/lint", url.Values{"b64input": {base64.StdEncoding.EncodeToString(corpusDER(t, "server-base"))}, "role": {"server"}}, nil)
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"role":"server"`) {
		t.Errorf("form: %d %s", resp.StatusCode, body)
	}

	// curl --data-binary @leaf.pem labels the raw body urlencoded: a
	// body without a b64input field is still the input, and query
	// parameters still apply (it was a 400 "body: empty").
	for _, raw := range []string{pemOf("CERTIFICATE", corpusDER(t, "server-base")), string(corpusDER(t, "server-base"))} {
		req := mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint?role=server&domain=example.org", strings.NewReader(raw)))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, body = do(t, req)
		if resp.StatusCode != 200 || !strings.Contains(string(body), `"role":"server"`) || !strings.Contains(string(body), `"e_xmpp_no_identity_for_domain":{"result":"pass"}`) {
			t.Errorf("raw body labelled urlencoded: %d %s", resp.StatusCode, body)
		}
	}
	// A form's fields and the query's both count.
	req := mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint?domain=example.net", strings.NewReader(url.Values{"b64input": {base64.StdEncoding.EncodeToString(corpusDER(t, "server-base"))}}.Encode())))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if resp, body = do(t, req); resp.StatusCode != 200 || !strings.Contains(string(body), `"e_xmpp_no_identity_for_domain":{"result":"error"`) {
		t.Errorf("form with the domain in the query: %d %s", resp.StatusCode, body)
	}

	// Every certificate gets one record, a bad one an error record.
	mixed := pemOf("CERTIFICATE", corpusDER(t, "server-base")) + "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
	resp, body = do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint", strings.NewReader(mixed))))
	if lines := strings.Split(strings.TrimSpace(string(body)), "\n"); resp.StatusCode != 200 || len(lines) != 2 || !strings.Contains(lines[1], `"error":`) {
		t.Errorf("mixed: %d %s", resp.StatusCode, body)
	}

	// Requests and TBSs, in one body with a certificate: one record each,
	// saying what it was.
	pre := pemOf("CERTIFICATE REQUEST", csrDER(t, []corpus.GeneralName{corpus.DNS("example.org"), corpus.SRV("*.example.org")}, corpus.OIDEKUServerAuth)) +
		pemOf("TBS CERTIFICATE", tbsOf(t, corpusDER(t, "srvid-no-service-label"))) + pemOf("CERTIFICATE", corpusDER(t, "server-base"))
	resp, body = do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint", strings.NewReader(pre))))
	lines = strings.Split(strings.TrimSpace(string(body)), "\n")
	if resp.StatusCode != 200 || len(lines) != 3 {
		t.Fatalf("CSR, TBS, certificate: %d %s", resp.StatusCode, body)
	}
	for i, want := range []string{`"kind":"csr"`, `"kind":"tbs"`, `"kind":"certificate"`} {
		if !strings.Contains(lines[i], want) {
			t.Errorf("record %d lacks %s: %s", i, want, lines[i])
		}
	}
	if !strings.Contains(lines[0], `"e_xmpp_srvname_malformed":{"result":"error"`) || !strings.Contains(lines[1], `"e_xmpp_srvname_malformed":{"result":"error"`) {
		t.Errorf("the CSR's and the TBS's malformed SRV-ID:\n%s", body)
	}

	for _, tc := range []struct{ name, query, body, want string }{
		{"empty", "", "", "no certificate"},
		{"role", "?role=admin", pemOf("CERTIFICATE", corpusDER(t, "server-base")), "role"},
		{"profile", "?profile=nope", pemOf("CERTIFICATE", corpusDER(t, "server-base")), "unknown profile"},
		{"federation", "?federation=maybe", pemOf("CERTIFICATE", corpusDER(t, "server-base")), "federation"},
		// A body that is one unreadable input (it was a 200 with an error record).
		{"garbage", "", "hello world", "not PEM, DER, base64 lines or NDJSON"},
		{"binary garbage", "", "\x00\xff\x30\x82\xff\xff garbage \x1b", "nothing linted"},
		{"truncated", "", string(corpusDER(t, "server-base")[:200]), "nothing linted"},
	} {
		resp, body := do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint"+tc.query, strings.NewReader(tc.body))))
		var e errorBody
		if resp.StatusCode != 400 || json.Unmarshal(body, &e) != nil || !strings.Contains(e.Error, tc.want) {
			t.Errorf("%s: want 400 naming %q, got %d %s", tc.name, tc.want, resp.StatusCode, body)
		}
	}
}

func TestNativeBodyCap(t *testing.T) {
	ts := newTestServer(t, Options{MaxBody: 1000})
	resp, body := do(t, mustReq(http.NewRequest(http.MethodPost, ts.pub.URL+"/lint", strings.NewReader(pemOf("CERTIFICATE", corpusDER(t, "server-base"))+strings.Repeat("\n", 2000)))))
	if resp.StatusCode != 413 || !strings.Contains(string(body), "over 1000 bytes") {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
}

func TestLimiter(t *testing.T) {
	m, err := newMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	l := newLimiter(1, 1, time.Second, m)
	release, err := l.acquire(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The one queue place: this one waits, then times out.
	done := make(chan error)
	go func() {
		_, err := l.acquire(context.Background())
		done <- err
	}()
	waitGauge(t, m.waiting, 1)
	if _, err := l.acquire(context.Background()); err != errQueueFull {
		t.Errorf("third request: got %v, want queue full", err)
	}
	if err := <-done; err != errQueueTimeout {
		t.Errorf("waiting request: got %v, want queue timeout", err)
	}
	// A waiting request gets the slot once it is released.
	go func() {
		time.Sleep(10 * time.Millisecond)
		release()
	}()
	rel, err := l.acquire(context.Background())
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	rel()
	if got := counterValue(t, m.rejected.WithLabelValues("queue_full")); got != 1 {
		t.Errorf("queue_full count %v", got)
	}
}

func TestOverloadAnswers429And503(t *testing.T) {
	ts := newTestServer(t, Options{MaxConcurrent: 1, MaxQueue: 1, QueueTimeout: 1500 * time.Millisecond})
	rel, err := ts.limit.acquire(context.Background()) // the one slot is busy
	if err != nil {
		t.Fatal(err)
	}
	defer rel()
	b64 := base64.StdEncoding.EncodeToString(corpusDER(t, "server-base"))
	waiting := make(chan int)
	go func() {
		resp, err := http.PostForm(ts.pub.URL+"/lintcert", url.Values{"b64input": {b64}})
		if err != nil {
			waiting <- 0
			return
		}
		resp.Body.Close()
		waiting <- resp.StatusCode
	}()
	waitGauge(t, ts.m.waiting, 1)
	resp, body := postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {b64}}, nil)
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("queue full: %d %s", resp.StatusCode, body)
	}
	if code := <-waiting; code != 503 {
		t.Errorf("queue timeout: %d", code)
	}
}

// waitGauge waits until a gauge reads want.
func waitGauge(t testing.TB, g prometheus.Gauge, want float64) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if counterValue(t, g) == want {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("gauge never reached %v", want)
}

func counterValue(t testing.TB, c prometheus.Metric) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	if m.Counter != nil {
		return m.Counter.GetValue()
	}
	return m.Gauge.GetValue()
}

func TestMetricsAndHealth(t *testing.T) {
	ts := newTestServer(t, Options{})
	postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {base64.StdEncoding.EncodeToString(corpusDER(t, "srvid-no-service-label"))}}, nil)
	postForm(t, ts.pub.URL+"/lintcert", url.Values{"b64input": {"!!"}}, nil)

	mfs, err := ts.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, mf := range mfs {
		for _, m := range mf.Metric {
			key := mf.GetName()
			for _, lp := range m.Label {
				key += "," + lp.GetName() + "=" + lp.GetValue()
			}
			switch {
			case m.Counter != nil:
				got[key] = m.Counter.GetValue()
			case m.Histogram != nil:
				got[key] = float64(m.Histogram.GetSampleCount())
			}
		}
	}
	for key, want := range map[string]float64{
		"xmpplint_http_requests_total,code=200,endpoint=lintcert":  1,
		"xmpplint_http_requests_total,code=400,endpoint=lintcert":  1,
		"xmpplint_http_request_duration_seconds,endpoint=lintcert": 2,
		"xmpplint_lint_duration_seconds,endpoint=lintcert":         1,
		"xmpplint_findings_total,severity=error":                   1,
		"xmpplint_requests_rejected_total,reason=queue_full":       0,
	} {
		if got[key] < want || (want == 0 && got[key] != 0) {
			t.Errorf("%s = %v, want %v", key, got[key], want)
		}
	}
	resp, body := do(t, mustReq(http.NewRequest(http.MethodGet, ts.mon.URL+"/metrics", nil)))
	if resp.StatusCode != 200 || !strings.Contains(string(body), `xmpplint_http_requests_total{code="200",endpoint="lintcert"} 1`) {
		t.Errorf("/metrics: %d\n%s", resp.StatusCode, body)
	}
	for _, p := range []string{"/livez", "/readyz"} {
		resp, body := do(t, mustReq(http.NewRequest(http.MethodGet, ts.mon.URL+p, nil)))
		if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
}

// TestServeDrains: on the context's end /readyz turns 503 and a request
// in flight still gets its answer.
func TestServeDrains(t *testing.T) {
	dir := t.TempDir()
	opts := Options{Listen: "unix:" + filepath.Join(dir, "pub.sock"), Monitor: "unix:" + filepath.Join(dir, "mon.sock"), DrainDelay: 2 * time.Second}
	s, err := New(opts, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := Listen(opts.Listen)
	if err != nil {
		t.Fatal(err)
	}
	mon, err := Listen(opts.Monitor)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error)
	go func() { served <- s.Serve(ctx, pub, mon) }()
	client := func(sock string) *http.Client {
		return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, "unix", sock)
		}}}
	}
	pc, mc := client(filepath.Join(dir, "pub.sock")), client(filepath.Join(dir, "mon.sock"))

	// A request whose body is still coming when the shutdown starts.
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, "http://xmpplint/lintcert", pr)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	answer := make(chan int)
	go func() {
		resp, err := pc.Do(req)
		if err != nil {
			t.Error(err)
			answer <- 0
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		answer <- resp.StatusCode
	}()
	pw.Write([]byte("severity=error&b64input="))
	waitGauge(t, s.m.inFlight, 1) // the handler holds its slot, reading the body
	cancel()
	// /readyz turns 503 within the drain delay.
	readyz := 0
	for i := 0; i < 100 && readyz != 503; i++ {
		resp, err := mc.Get("http://xmpplint/readyz")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		readyz = resp.StatusCode
		time.Sleep(10 * time.Millisecond)
	}
	if readyz != 503 {
		t.Errorf("/readyz while draining: %d", readyz)
	}
	pw.Write([]byte(url.QueryEscape(base64.StdEncoding.EncodeToString(corpusDER(t, "server-base")))))
	pw.Close()
	if code := <-answer; code != 200 {
		t.Errorf("in-flight request: %d", code)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := pc.Get("http://xmpplint/linters"); err == nil {
		t.Errorf("still serving after shutdown")
	}
}

func TestOptions(t *testing.T) {
	for _, o := range []Options{
		{Listen: "nowhere"},
		{Listen: "unix:"},
		{Listen: "127.0.0.1:1", Monitor: "127.0.0.1:1"},
		{TLSCert: "a.pem"},
		{Profile: "nope"},
		{Severity: "loud"},
		{Format: "xml"},
		{WebhookDeny: "pass"},
		{Role: "admin"},
		{WebhookSecretFile: "/nonexistent/secret"},
		{SocketMode: "rw"},
		{SocketMode: "01777"},
	} {
		if _, err := New(o, nil, nil, nil); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	s, err := New(Options{}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Options(); got.Listen != "127.0.0.1:8080" || got.MaxQueue != 4*got.MaxConcurrent || got.Profile != "ca" || got.NativeProfile != "xmpp" || got.WebhookDeny != "notice" {
		t.Errorf("defaults: %+v", got)
	}
}

// stepBody builds step-ca's webhook request for a certificate, as
// step-ca's webhook.WithX509Certificate does.
func stepBody(t testing.TB, der []byte) []byte {
	t.Helper()
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(c.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	xc, err := x509util.NewCertificateFromX509(c)
	if err != nil {
		t.Fatal(err)
	}
	// x509util keeps no otherName SAN; a step-ca template that copies the
	// CSR's extensions sends them raw, as here.
	for _, e := range c.Extensions {
		xc.Extensions = append(xc.Extensions, x509util.Extension{ID: x509util.ObjectIdentifier(e.Id), Critical: e.Critical, Value: e.Value})
	}
	body := map[string]any{
		"timestamp":       time.Now().UTC(),
		"provisionerName": "xmpp",
		"x509Certificate": struct {
			*x509util.Certificate
			PublicKey          []byte    `json:"publicKey"`
			PublicKeyAlgorithm string    `json:"publicKeyAlgorithm"`
			NotBefore          time.Time `json:"notBefore"`
			NotAfter           time.Time `json:"notAfter"`
			Raw                []byte    `json:"raw"`
		}{xc, pub, c.PublicKeyAlgorithm.String(), c.NotBefore, c.NotAfter, nil},
	}
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestStepCAWebhook(t *testing.T) {
	dir := t.TempDir()
	secret := make([]byte, 32)
	rand.Read(secret)
	secretFile := filepath.Join(dir, "secret")
	os.WriteFile(secretFile, []byte(base64.StdEncoding.EncodeToString(secret)+"\n"), 0o600)
	ts := newTestServer(t, Options{WebhookSecretFile: secretFile})
	post := func(query string, body []byte, sig string) (int, stepResponse, []byte) {
		req, _ := http.NewRequest(http.MethodPost, ts.pub.URL+"/stepca"+query, bytes.NewReader(body))
		if sig == "" {
			mac := hmac.New(sha256.New, secret)
			mac.Write(body)
			sig = hex.EncodeToString(mac.Sum(nil))
		}
		req.Header.Set("X-Smallstep-Signature", sig)
		req.Header.Set("Content-Type", "application/json")
		resp, b := do(t, req)
		var sr stepResponse
		json.Unmarshal(b, &sr)
		return resp.StatusCode, sr, b
	}
	code, sr, b := post("", stepBody(t, corpusDER(t, "server-base")), "")
	if code != 200 || !sr.Allow || sr.Error != nil {
		t.Errorf("good certificate: %d %s", code, b)
	}
	code, sr, b = post("", stepBody(t, corpusDER(t, "srvid-no-service-label")), "")
	if code != 200 || sr.Allow || sr.Error == nil || !strings.Contains(sr.Error.Message, "e_xmpp_srvname_malformed") {
		t.Errorf("malformed SRV-ID: %d %s", code, b)
	}
	code, sr, b = post("?role=server", stepBody(t, corpusDER(t, "eku-client-auth-only")), "")
	if code != 200 || sr.Allow || !strings.Contains(string(b), "e_xmpp_server_eku_client_auth_only") {
		t.Errorf("clientAuth-only server certificate: %d %s", code, b)
	}
	// deny=fatal lets errors through.
	if code, sr, b = post("?deny=fatal", stepBody(t, corpusDER(t, "srvid-no-service-label")), ""); code != 200 || !sr.Allow {
		t.Errorf("deny=fatal: %d %s", code, b)
	}
	// The default (ca profile, deny at notice) stops a warning;
	// deny=error lets it through; the xmpp profile's interop advice
	// (a serverAuth-only certificate lacks clientAuth for s2s) stops
	// issuance only when asked for.
	if code, sr, b = post("", stepBody(t, corpusDER(t, "dnsid-uppercase")), ""); code != 200 || sr.Allow || !strings.Contains(sr.Error.Message, "w_xmpp_dnsid_not_lowercase") {
		t.Errorf("warning at the default level: %d %s", code, b)
	}
	if code, sr, b = post("?deny=error", stepBody(t, corpusDER(t, "dnsid-uppercase")), ""); code != 200 || !sr.Allow {
		t.Errorf("warning under deny=error: %d %s", code, b)
	}
	if code, sr, b = post("", stepBody(t, corpusDER(t, "eku-server-auth-only")), ""); code != 200 || !sr.Allow {
		t.Errorf("serverAuth-only under the ca profile: %d %s", code, b)
	}
	if code, sr, b = post("?profile=xmpp", stepBody(t, corpusDER(t, "eku-server-auth-only")), ""); code != 200 || sr.Allow || !strings.Contains(sr.Error.Message, "w_xmpp_s2s_eku_missing_client_auth") {
		t.Errorf("serverAuth-only under the xmpp profile: %d %s", code, b)
	}
	if !strings.Contains(ts.logs.String(), `"msg":"step-ca webhook","allow":false`) || !strings.Contains(ts.logs.String(), "e_xmpp_srvname_malformed") {
		t.Errorf("the refusal is not logged with its findings:\n%s", ts.logs.String())
	}
	if code, _, b = post("", stepBody(t, corpusDER(t, "server-base")), strings.Repeat("00", 32)); code != 401 {
		t.Errorf("wrong signature: %d %s", code, b)
	}
	if code, _, b = post("", stepBody(t, corpusDER(t, "server-base")), "zz"); code != 401 {
		t.Errorf("undecodable signature: %d %s", code, b)
	}
	if code, _, b = post("", []byte(`{"timestamp":"2026-01-01T00:00:00Z"}`), ""); code != 400 || !strings.Contains(string(b), "no x509Certificate") {
		t.Errorf("SSH-style request: %d %s", code, b)
	}
	if code, _, b = post("", []byte(`{"x509Certificate":`), ""); code != 400 {
		t.Errorf("truncated JSON: %d %s", code, b)
	}
	if code, _, b = post("?deny=never", stepBody(t, corpusDER(t, "server-base")), ""); code != 400 {
		t.Errorf("bad deny: %d %s", code, b)
	}

	// A template without dates or timestamp is linted as of now: it was
	// linted as of year 1, where every lint is NE, and allowed.
	undated := `{"x509Certificate":{"subject":{"commonName":"example.org"},"dnsNames":["ex ample.org"],"extKeyUsage":["clientAuth"],"keyUsage":["digitalSignature"],"publicKey":"` + base64.StdEncoding.EncodeToString(mustPKIX(t)) + `"}}`
	if code, sr, b = post("?role=server", []byte(undated), ""); code != 200 || sr.Allow || !strings.Contains(string(b), "e_xmpp_dnsid_malformed") || !strings.Contains(string(b), "e_xmpp_server_eku_client_auth_only") {
		t.Errorf("undated template: %d %s", code, b)
	}

	// Templates step-ca would never send still get an answer below 500.
	for _, body := range []string{
		`{"x509Certificate":{"subject":{"commonName":"x"},"publicKey":"AAAA"}}`,
		`{"x509Certificate":{"sans":[{"type":"nonsense","value":"x"}],"publicKey":"` + base64.StdEncoding.EncodeToString(mustPKIX(t)) + `"}}`,
		`{"x509Certificate":{"extensions":[{"id":"2.5.29.17","value":"////"}],"publicKey":"` + base64.StdEncoding.EncodeToString(mustPKIX(t)) + `"}}`,
		`{"x509Certificate":{"keyUsage":["bogus"]}}`,
		`{"x509Certificate":{}}`,
	} {
		if code, sr, b = post("", []byte(body), ""); code >= 500 || (code == 200 && sr.Allow) {
			t.Errorf("%s: %d %s", body, code, b)
		}
	}

	// An enriching webhook's request carries the CSR: it is linted too.
	csrBody := func(der []byte) []byte {
		b, _ := json.Marshal(map[string]any{"provisionerName": "xmpp", "x509CertificateRequest": map[string]any{"raw": der}})
		return b
	}
	goodCSR := csrDER(t, []corpus.GeneralName{corpus.DNS("example.org"), corpus.SRV("_xmpp-server.example.org")}, corpus.OIDEKUServerAuth)
	if code, sr, b = post("", csrBody(goodCSR), ""); code != 200 || !sr.Allow {
		t.Errorf("good CSR: %d %s", code, b)
	}
	badCSR := csrDER(t, []corpus.GeneralName{corpus.DNS("example.org"), corpus.SRV("*.example.org")}, corpus.OIDEKUServerAuth)
	if code, sr, b = post("", csrBody(badCSR), ""); code != 200 || sr.Allow || !strings.Contains(sr.Error.Message, "e_xmpp_srvname_malformed") {
		t.Errorf("CSR with a malformed SRV-ID: %d %s", code, b)
	}
	broken := append([]byte(nil), goodCSR...)
	broken[len(broken)-3] ^= 0xff
	if code, sr, b = post("", csrBody(broken), ""); code != 200 || sr.Allow || !strings.Contains(strings.ToLower(sr.Error.Message), "signature") {
		t.Errorf("CSR with a bad signature: %d %s", code, b)
	}

	// Without a secret the endpoint does not exist.
	plain := newTestServer(t, Options{})
	resp, body := do(t, mustReq(http.NewRequest(http.MethodPost, plain.pub.URL+"/stepca", strings.NewReader("{}"))))
	if resp.StatusCode != 404 {
		t.Errorf("no secret: %d %s", resp.StatusCode, body)
	}
}

func newJSONLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewJSONHandler(w, nil)) }

// BenchmarkLintCertHandler: one /lintcert request through the handler
// (form parsing, decoding, linting, the JSON answer), without a network.
func BenchmarkLintCertHandler(b *testing.B) {
	s, err := New(Options{}, nil, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	h := s.Handler()
	body := url.Values{"b64input": {base64.StdEncoding.EncodeToString(corpusDER(b, "srvid-no-service-label"))}, "severity": {"notice"}}.Encode()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest(http.MethodPost, "/lintcert", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

// BenchmarkCheckOne: the lint alone, for comparison.
func BenchmarkCheckOne(b *testing.B) {
	s, err := New(Options{}, nil, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	der := corpusDER(b, "srvid-no-service-label")
	b.ReportAllocs()
	for b.Loop() {
		rec := s.def.CheckOne(check.Cert{Input: "b64input", DER: der})
		rec.Release()
	}
}

func TestRegisterFlags(t *testing.T) {
	var o Options
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	o.RegisterFlags(fs)
	if err := fs.Parse([]string{"--listen", "unix:/run/x.sock", "--monitor", "127.0.0.1:9464", "--webhook-deny", "error", "--max-body", "2048", "--queue-timeout", "3s"}); err != nil {
		t.Fatal(err)
	}
	if o.Listen != "unix:/run/x.sock" || o.Monitor != "127.0.0.1:9464" || o.WebhookDeny != "error" || o.MaxBody != 2048 || o.QueueTimeout != 3*time.Second || o.Profile != "ca" {
		t.Errorf("%+v", o)
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if want := reflect.TypeFor[Options]().NumField(); n != want {
		t.Errorf("%d flags, want one per Options field (%d)", n, want)
	}
	if _, err := New(o, nil, nil, nil); err != nil {
		t.Errorf("flag defaults do not validate: %v", err)
	}
}

func TestDecodeB64Input(t *testing.T) {
	der := []byte{0x30, 0x03, 0x02, 0x01, 0xfb, 0xef, 0xff}
	std := base64.StdEncoding.EncodeToString(der) // has '+' and '/'
	for _, in := range []string{
		std,
		strings.ReplaceAll(std, "+", " "), // a form that did not escape '+'
		std[:4] + "\r\n" + std[4:] + "\n", // line breaks
		base64.RawStdEncoding.EncodeToString(der),
		base64.URLEncoding.EncodeToString(der),
		pemOf("CERTIFICATE", der),
	} {
		got, err := decodeB64Input(in, kindCert)
		if err != nil || !bytes.Equal(got, der) {
			t.Errorf("%q: %x, %v", in, got, err)
		}
	}
	if _, err := decodeB64Input(pemOf("PRIVATE KEY", der), kindCert); err == nil {
		t.Error("a PEM key taken as a certificate")
	}
	if got, err := decodeB64Input(pemOf("TBS", der), kindTBS); err != nil || !bytes.Equal(got, der) {
		t.Errorf("a TBS under any label: %v", err)
	}
	if _, err := decodeB64Input("é", kindCert); err == nil {
		t.Error("non-ASCII accepted")
	}
}

// TestRunStopsOnSIGTERM: Run, as `xmpplint serve` calls it, serves on
// its addresses and returns cleanly when the process gets SIGTERM.
func TestRunStopsOnSIGTERM(t *testing.T) {
	dir := t.TempDir()
	pubSock, monSock := filepath.Join(dir, "pub.sock"), filepath.Join(dir, "mon.sock")
	var logs syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(context.Background(), Options{Listen: "unix:" + pubSock, Monitor: "unix:" + monSock, SocketMode: "0660"}, newJSONLogger(&logs))
	}()
	mc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", monSock)
	}}}
	up := false
	for i := 0; i < 500 && !up; i++ {
		if resp, err := mc.Get("http://xmpplint/metrics"); err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			// The Go and process collectors are on Run's registry.
			up = resp.StatusCode == 200 && bytes.Contains(body, []byte("go_goroutines")) && bytes.Contains(body, []byte("xmpplint_findings_total"))
		}
		if !up {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if !up {
		t.Fatalf("Run never served /metrics:\n%s", logs.String())
	}
	for _, sock := range []string{pubSock, monSock} {
		if fi, err := os.Stat(sock); err != nil || fi.Mode().Perm() != 0o660 {
			t.Errorf("%s: mode %v, %v; want 0660", sock, fi.Mode(), err)
		}
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Run did not stop on SIGTERM")
	}
	if !strings.Contains(logs.String(), `"msg":"stopped"`) {
		t.Errorf("logs:\n%s", logs.String())
	}
}

func mustPKIX(t testing.TB) []byte {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKIXPublicKey(k.Public())
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func newGet(u string) (*http.Request, error) { return http.NewRequest(http.MethodGet, u, nil) }

// A name with control characters, posted as a CA engineer's tool would:
// no answer format carries a raw control character (the HTML table
// carried the lint's label verbatim: ESC and BEL reached the page).
func TestHostileNameEscapedInEveryFormat(t *testing.T) {
	ts := newTestServer(t, Options{})
	der := csrDER(t, []corpus.GeneralName{corpus.DNS("ex\x1b[31mample\x07.org")}, corpus.OIDEKUServerAuth)
	for _, format := range []string{"json", "text", "html"} {
		resp, body := postForm(t, ts.pub.URL+"/lintcsr", url.Values{"b64input": {base64.StdEncoding.EncodeToString(der)}, "format": {format}}, nil)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "e_xmpp_dnsid_malformed") {
			t.Fatalf("%s: %d %s", format, resp.StatusCode, body)
		}
		for i, c := range body {
			if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
				t.Errorf("%s: raw control character %#x at %d: %q", format, c, i, body)
				break
			}
		}
		var rows []Finding
		if format == "json" {
			rows = decodeFindings(t, body)
			for _, r := range rows {
				if strings.ContainsAny(r.Finding, "\x1b\x07") {
					t.Errorf("json: a finding holds a raw control character once decoded: %q", r.Finding)
				}
			}
		}
	}
}

// A client that stops sending its body (slowloris) gets, at the read
// timeout, a 400 naming the timeout on every endpoint (/lint said
// "context canceled").
func TestReadTimeoutNamed(t *testing.T) {
	ts := newTestServer(t, Options{})
	srv := httptest.NewUnstartedServer(ts.Handler())
	srv.Config.ReadTimeout = 300 * time.Millisecond
	srv.Start()
	defer srv.Close()
	pemBody := pemOf("CERTIFICATE", corpusDER(t, "server-base"))
	for _, tc := range []struct{ path, ctype, body string }{
		{"/lint", "application/x-pem-file", pemBody},
		{"/lintcert", "application/x-www-form-urlencoded", "b64input=" + url.QueryEscape(pemBody)},
	} {
		c, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: x\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", tc.path, tc.ctype, len(tc.body), tc.body[:50])
		c.SetReadDeadline(time.Now().Add(5 * time.Second))
		answer, _ := io.ReadAll(c)
		c.Close()
		if !bytes.HasPrefix(answer, []byte("HTTP/1.1 400 ")) || !bytes.Contains(answer, []byte("timeout")) {
			t.Errorf("%s: %q", tc.path, answer)
		}
	}
}
