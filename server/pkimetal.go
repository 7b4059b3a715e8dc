package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// linterName names xmpplint in pkimetal's Linter column, for its own
// (meta, fatal) rows and the lints' findings alike.
const linterName = "xmpplint"

// lintNotice is the lowest status that is a finding.
const lintNotice = lint.Notice

// inputKind is what a pkimetal-style endpoint takes.
type inputKind int

const (
	kindCert inputKind = iota
	kindTBS
	kindCSR
)

// kindInfo: the endpoint's path, pkimetal's alternative name for
// b64input, the raw-body content type it also takes, and a title.
var kindInfo = [...]struct{ path, alias, rawType, title string }{
	kindCert: {"/lintcert", "b64cert", "application/pkix-cert", "Lint a signed Certificate or Precertificate"},
	kindTBS:  {"/linttbscert", "b64tbscert", "application/octet-stream", "Lint a to-be-signed Certificate or Precertificate"},
	kindCSR:  {"/lintcsr", "b64csr", "application/pkcs10", "Lint a Certificate Signing Request (PKCS#10)"},
}

// pkimetal's severities, lowest first.
var severityNames = []string{"meta", "debug", "info", "notice", "warning", "error", "bug", "fatal"}

var severities = func() map[string]int {
	m := map[string]int{}
	for i, s := range severityNames {
		m[s] = i
	}
	return m
}()

// pkimetalSeverity maps a zlint status to pkimetal's severity name;
// statuses that are no finding (pass, NA, NE) give "".
func pkimetalSeverity(s lint.LintStatus) string {
	switch s {
	case lint.Notice:
		return "notice"
	case lint.Warn:
		return "warning"
	case lint.Error:
		return "error"
	case lint.Fatal:
		return "fatal"
	}
	return ""
}

// Finding is one row of pkimetal's answer. Code is the lint's name.
type Finding struct {
	Linter   string
	Finding  string
	Field    string `json:"Field,omitempty"`
	Code     string `json:"Code,omitempty"`
	Severity string
}

type format int

const (
	formatUnknown format = iota
	formatJSON
	formatText
	formatHTML
)

func parseFormat(s string) format {
	switch strings.ToLower(s) {
	case "json":
		return formatJSON
	case "text":
		return formatText
	case "html":
		return formatHTML
	}
	return formatUnknown
}

// badRequest is a request error: its message goes back to the client.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func bad(format string, args ...any) error { return &badRequest{fmt.Sprintf(format, args...)} }

// pkimetalHandler serves one of /lintcert, /linttbscert, /lintcsr.
func (s *Server) pkimetalHandler(kind inputKind) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			s.writeForm(w, kind)
			return
		case http.MethodPost:
		default:
			w.Header().Set("Allow", "GET, HEAD, POST")
			writeError(w, http.StatusMethodNotAllowed, "use POST to lint, GET for a form")
			return
		}
		f := s.responseFormat(r)
		if f == formatUnknown {
			s.writeFindings(w, http.StatusBadRequest, formatJSON, []Finding{fatalRow("Unrecognised response format")})
			return
		}
		s.withSlot(w, r, f == formatJSON, func() {
			rows, bodyFormat, err := s.lintPKIMetal(w, r, kind)
			if bodyFormat != formatUnknown {
				f = bodyFormat
			}
			if err != nil {
				var br *badRequest
				code := http.StatusBadRequest
				msg := err.Error()
				if !errors.As(err, &br) {
					var mbe *http.MaxBytesError
					if errors.As(err, &mbe) {
						code = http.StatusRequestEntityTooLarge
						msg = fmt.Sprintf("request body over %d bytes", mbe.Limit)
					} else {
						msg = "reading the request: " + err.Error()
					}
				}
				s.log.Info("lint request refused", "endpoint", strings.TrimPrefix(kindInfo[kind].path, "/"), "status", code, "reason", msg)
				s.writeFindings(w, code, f, []Finding{fatalRow(msg)})
				return
			}
			s.writeFindings(w, http.StatusOK, f, rows)
		})
	}
}

func fatalRow(msg string) Finding {
	return Finding{Linter: linterName, Finding: msg, Severity: "fatal"}
}

// responseFormat reads format= (form, query), else the Accept header,
// else the default. It does not read the body (the form is parsed once
// a slot is held), so format= in a urlencoded body is read then.
func (s *Server) responseFormat(r *http.Request) format {
	if v := r.URL.Query().Get("format"); v != "" {
		return parseFormat(v)
	}
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := mime.ParseMediaType(strings.TrimSpace(part))
		switch mt {
		case "application/json":
			return formatJSON
		case "text/plain":
			return formatText
		case "text/html":
			return formatHTML
		}
	}
	return parseFormat(s.opts.Format)
}

// params reads a request's parameters the way pkimetal does: the
// urlencoded body, then the query, then a multipart form; raw is the
// body of a request that sent the input itself (DER).
type params struct {
	get func(string) string
	raw []byte
}

func (s *Server) readParams(w http.ResponseWriter, r *http.Request, rawType string) (params, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	q := r.URL.Query()
	switch {
	case ct == "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			return params{}, err
		}
		return params{get: r.Form.Get}, nil
	case ct == "multipart/form-data":
		if err := r.ParseMultipartForm(s.opts.MaxBody); err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				return params{}, err
			}
			return params{}, bad("unreadable multipart form: %v", err)
		}
		return params{get: func(k string) string {
			if v := q.Get(k); v != "" {
				return v
			}
			if vs := r.MultipartForm.Value[k]; len(vs) > 0 {
				return vs[0]
			}
			if fs := r.MultipartForm.File[k]; len(fs) > 0 {
				f, err := fs[0].Open()
				if err != nil {
					return ""
				}
				defer f.Close()
				b, _ := io.ReadAll(io.LimitReader(f, s.opts.MaxBody))
				return string(b)
			}
			return ""
		}}, nil
	case rawType != "" && (ct == rawType || ct == "application/octet-stream"):
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return params{}, err
		}
		return params{get: q.Get, raw: body}, nil
	case ct == "" && r.ContentLength == 0:
		return params{get: q.Get}, nil
	}
	// pkimetal answers other content types with an error; so does this,
	// unless the input came in the query.
	if q.Get("b64input") != "" {
		return params{get: q.Get}, nil
	}
	return params{}, bad("unsupported content type %s", quote(ct))
}

// lintPKIMetal reads, lints and renders one pkimetal-style request.
// A format= parameter of the body is returned as f (formatUnknown when
// there is none).
func (s *Server) lintPKIMetal(w http.ResponseWriter, r *http.Request, kind inputKind) (rows []Finding, f format, err error) {
	info := kindInfo[kind]
	p, err := s.readParams(w, r, info.rawType)
	if err != nil {
		return nil, formatUnknown, err
	}
	if v := p.get("format"); v != "" {
		if f = parseFormat(v); f == formatUnknown {
			return nil, formatJSON, bad("Unrecognised response format %s: want json, text or html", quote(v))
		}
	}
	rows, err = s.lintParams(p, kind)
	return rows, f, err
}

func (s *Server) lintParams(p params, kind inputKind) ([]Finding, error) {
	info := kindInfo[kind]
	var err error
	sevName := p.get("severity")
	if sevName == "" {
		sevName = s.opts.Severity
	}
	minSev, ok := severities[strings.ToLower(sevName)]
	if !ok {
		return nil, bad("Unrecognised severity %s: want one of %s", quote(sevName), strings.Join(severityNames, ", "))
	}
	profile := p.get("profile")
	if profile == "" || profile == "autodetect" {
		profile = s.opts.Profile
	}
	if !knownProfile(profile) {
		return nil, bad("Unrecognised profile %s: want autodetect or one of %s", quote(profile), profileNames())
	}
	der := p.raw
	if der == nil {
		in := p.get(info.alias)
		if in == "" {
			in = p.get("b64input")
		}
		if in == "" {
			return nil, bad("Unrecognised input: no b64input (or %s) parameter", info.alias)
		}
		if der, err = decodeB64Input(in, kind); err != nil {
			return nil, bad("Unrecognised input: %v", err)
		}
	}
	if len(der) == 0 {
		return nil, bad("Unrecognised input: empty")
	}
	ch := s.def
	if profile != s.opts.Profile {
		if ch, err = s.checker(profile, s.defaultOptions(), false); err != nil {
			return nil, bad("%v", err)
		}
	}
	start := time.Now()
	rec := lintKind(ch, kind, "b64input", der)
	s.m.lintTime.WithLabelValues(strings.TrimPrefix(info.path, "/")).Observe(time.Since(start).Seconds())
	defer rec.Release()
	if rec.Error != "" {
		return nil, bad("Unrecognised input: %s", rec.Error)
	}
	s.countFindings(&rec)
	return s.rows(ch, &rec, profile, minSev), nil
}

// rows renders a record as pkimetal's findings: the meta row first, then
// every result above pass, most severe first, then by lint name.
func (s *Server) rows(ch *check.Checker, rec *check.Record, profile string, minSev int) []Finding {
	var out []Finding
	if minSev <= severities["meta"] {
		meta := fmt.Sprintf("Profile: %s; Version: %s", profile, s.version)
		if rec.Kind != "" {
			meta += "; Kind: " + rec.Kind
		}
		out = append(out, Finding{Linter: linterName, Finding: meta, Severity: "meta"})
	}
	var found []Finding
	for _, res := range rec.Results {
		sev := pkimetalSeverity(res.Status)
		if sev == "" || severities[sev] < minSev {
			continue
		}
		text := res.Details
		if text == "" {
			if l, ok := xmpp.Lookup(res.Name); ok {
				text = l.Description
			}
		}
		found = append(found, Finding{Linter: linterName, Finding: text, Code: res.Name, Severity: sev})
	}
	sort.SliceStable(found, func(i, j int) bool {
		if a, b := severities[found[i].Severity], severities[found[j].Severity]; a != b {
			return a > b
		}
		return found[i].Code < found[j].Code
	})
	return append(out, found...)
}

// decodeB64Input decodes pkimetal's b64input: PEM or base64 of DER.
func decodeB64Input(in string, kind inputKind) ([]byte, error) {
	t := strings.TrimSpace(in)
	if strings.HasPrefix(t, "-----BEGIN") {
		rest := []byte(t)
		for {
			var blk *pem.Block
			blk, rest = pem.Decode(rest)
			if blk == nil {
				return nil, errors.New("PEM without a usable block")
			}
			if pemLabelFits(blk.Type, kind) {
				return blk.Bytes, nil
			}
		}
	}
	// Form decoding turns an unescaped '+' into a space; base64 has no
	// spaces, so put it back. Line breaks are dropped.
	if strings.ContainsAny(t, " \r\n\t") {
		b := make([]byte, 0, len(t))
		for i := 0; i < len(t); i++ {
			switch c := t[i]; c {
			case '\r', '\n', '\t':
			case ' ':
				b = append(b, '+')
			default:
				b = append(b, c)
			}
		}
		t = string(b)
	}
	der, err := base64.StdEncoding.DecodeString(t)
	if err != nil {
		if der2, err2 := base64.RawStdEncoding.DecodeString(t); err2 == nil {
			return der2, nil
		}
		if der2, err2 := base64.URLEncoding.DecodeString(t); err2 == nil {
			return der2, nil
		}
		return nil, fmt.Errorf("neither PEM nor base64: %v", err)
	}
	return der, nil
}

func pemLabelFits(label string, kind inputKind) bool {
	switch kind {
	case kindCert:
		return label == "CERTIFICATE"
	case kindCSR:
		return label == "CERTIFICATE REQUEST" || label == "NEW CERTIFICATE REQUEST"
	}
	return true // a TBS comes under any label
}

// writeFindings renders rows in a format.
func (s *Server) writeFindings(w http.ResponseWriter, code int, f format, rows []Finding) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	switch f {
	case formatText:
		w.Header().Set("Content-Type", "text/plain; charset=UTF-8")
		w.WriteHeader(code)
		var b bytes.Buffer
		for _, row := range rows {
			text := row.Finding
			if row.Code != "" {
				text = row.Code + ": " + text
			}
			fmt.Fprintf(&b, "%s\t%s\t%s\n", row.Linter, strings.ToUpper(row.Severity), oneLine(text))
		}
		w.Write(b.Bytes())
	case formatHTML:
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		w.WriteHeader(code)
		var b bytes.Buffer
		b.WriteString("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>xmpplint</title></head><body>\n<table>\n<tr><th>Linter</th><th>Severity</th><th>Code</th><th>Finding</th></tr>\n")
		if len(rows) == 0 {
			b.WriteString("<tr><td colspan=\"4\">No findings</td></tr>\n")
		}
		for _, row := range rows {
			fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
				html.EscapeString(row.Linter), html.EscapeString(strings.ToUpper(row.Severity)), html.EscapeString(row.Code), html.EscapeString(oneLine(row.Finding)))
		}
		b.WriteString("</table>\n</body></html>\n")
		w.Write(b.Bytes())
	default:
		w.Header().Set("Content-Type", "application/json; charset=UTF-8")
		w.WriteHeader(code)
		if rows == nil {
			rows = []Finding{} // [] rather than null, as pkimetal writes
		}
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(rows)
	}
}

// oneLine keeps a text row on one line: control characters become
// escapes, so no finding can forge a row or reach a terminal raw.
func oneLine(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) {
			fmt.Fprintf(&b, "\\x%02x", c)
			continue
		}
		b.WriteRune(c)
	}
	return b.String()
}

// writeForm answers a GET on a POST endpoint with a small form, as
// pkimetal does.
func (s *Server) writeForm(w http.ResponseWriter, kind inputKind) {
	info := kindInfo[kind]
	w.Header().Set("Content-Type", "text/html; charset=UTF-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>xmpplint: %s</title></head><body>\n<h1>%s</h1>\n", html.EscapeString(info.path), html.EscapeString(info.title))
	fmt.Fprintf(&b, "<form method=\"post\" action=\"%s\" enctype=\"application/x-www-form-urlencoded\">\n", html.EscapeString(info.path))
	b.WriteString("<p><label>PEM or base64 input<br><textarea name=\"b64input\" rows=\"16\" cols=\"72\"></textarea></label></p>\n<p><label>Profile <select name=\"profile\"><option>autodetect</option>")
	for _, p := range xmpp.Profiles {
		fmt.Fprintf(&b, "<option>%s</option>", html.EscapeString(p.Name))
	}
	b.WriteString("</select></label>\n<label>Minimum severity <select name=\"severity\">")
	for _, sv := range severityNames {
		sel := ""
		if sv == s.opts.Severity {
			sel = " selected"
		}
		fmt.Fprintf(&b, "<option%s>%s</option>", sel, sv)
	}
	b.WriteString("</select></label>\n<label>Format <select name=\"format\"><option>html</option><option>json</option><option>text</option></select></label></p>\n<p><button type=\"submit\">Lint</button></p>\n</form>\n</body></html>\n")
	w.Write(b.Bytes())
}

// linterInfo is one row of GET /linters, in pkimetal's shape.
type linterInfo struct {
	Name      string
	Instances int
	Version   string
	Url       string
}

func (s *Server) handleLinters(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, []linterInfo{{Name: linterName, Instances: s.opts.MaxConcurrent, Version: s.version, Url: "https://github.com/xmpplint/xmpplint"}})
}

// profileInfo is one row of GET /profiles, in pkimetal's shape.
type profileInfo struct {
	Name        string
	Description string
}

func (s *Server) handleProfiles(w http.ResponseWriter, r *http.Request) {
	out := []profileInfo{{Name: "autodetect", Description: "the server's default profile, " + s.opts.Profile}}
	for _, p := range xmpp.Profiles {
		out = append(out, profileInfo{Name: p.Name, Description: p.Description})
	}
	writeJSON(w, out)
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
