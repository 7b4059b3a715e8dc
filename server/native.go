package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/input"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// handleNative is POST /lint: xmpplint's own records for every
// certificate (or CSR, TBS) in the body, in any format `xmpplint lint`
// reads (PEM bundle, DER, base64 lines, NDJSON), each leaf with the CA
// certificates that follow it, whatever the Content-Type says (curl
// labels a raw body urlencoded). Parameters (query, or a urlencoded or
// multipart form whose b64input field holds the input): domain
// (repeatable or comma-separated), service (xmpp-server, xmpp-client),
// role (auto, server, client), scope (both, c2s, s2s), srv_target,
// profile, federation (default true). The answer is one record a line:
// application/json when the input held one certificate, NDJSON
// (application/x-ndjson) otherwise.
func (s *Server) handleNative(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "POST the certificates to lint")
		return
	}
	s.withSlot(w, r, true, func() {
		lines, n, err := s.lintNative(w, r)
		if err != nil {
			code := http.StatusBadRequest
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				code = http.StatusRequestEntityTooLarge
				err = fmt.Errorf("request body over %d bytes", mbe.Limit)
			}
			s.log.Info("lint request refused", "endpoint", epLint, "status", code, "reason", err.Error())
			writeError(w, code, err.Error())
			return
		}
		ct := "application/x-ndjson"
		if n == 1 {
			ct = "application/json"
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Write(lines)
	})
}

func (s *Server) lintNative(w http.ResponseWriter, r *http.Request) ([]byte, int, error) {
	r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBody)
	q := r.URL.Query()
	get := func(k string) []string { return q[k] }
	var body io.Reader = r.Body
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/x-www-form-urlencoded":
		// curl --data-binary @leaf.pem sends this type for a raw body:
		// only a form with a b64input field is a form here; anything
		// else is the input itself, as with any other type.
		raw, err := io.ReadAll(r.Body)
		if err != nil {
			return nil, 0, err
		}
		if form, err := url.ParseQuery(string(raw)); err == nil && form.Has("b64input") {
			get = func(k string) []string { return append(form[k], q[k]...) }
			body = strings.NewReader(form.Get("b64input"))
		} else {
			body = bytes.NewReader(raw)
		}
	case "multipart/form-data":
		if err := r.ParseMultipartForm(s.opts.MaxBody); err != nil {
			return nil, 0, fmt.Errorf("unreadable multipart form: %v", err)
		}
		get = func(k string) []string {
			if v := q[k]; len(v) > 0 {
				return v
			}
			return r.MultipartForm.Value[k]
		}
		if vs := r.MultipartForm.Value["b64input"]; len(vs) > 0 {
			body = strings.NewReader(vs[0])
		} else if fs := r.MultipartForm.File["b64input"]; len(fs) > 0 {
			f, err := fs[0].Open()
			if err != nil {
				return nil, 0, fmt.Errorf("b64input: %v", err)
			}
			defer f.Close()
			body = f
		} else {
			body = strings.NewReader("")
		}
	}
	one := func(k string) string {
		if v := get(k); len(v) > 0 {
			return v[0]
		}
		return ""
	}
	o := s.defaultOptions()
	if v := one("role"); v != "" {
		o.Role = xmpp.Role(v)
	}
	if v := one("scope"); v != "" {
		o.Scope = xmpp.Scope(v)
	}
	if v := one("service"); v != "" {
		o.Service = v
	}
	o.Domains = splitList(get("domain"))
	o.SRVTargets = splitList(get("srv_target"))
	if len(o.Domains) > 16 || len(o.SRVTargets) > 16 {
		return nil, 0, errors.New("at most 16 domains and 16 SRV targets")
	}
	profile := one("profile")
	if profile == "" {
		profile = s.opts.NativeProfile
	}
	federation := true
	if v := one("federation"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return nil, 0, fmt.Errorf("federation %s: want true or false", quote(v))
		}
		federation = b
	}
	ch, err := s.checker(profile, o, federation)
	if err != nil {
		return nil, 0, err
	}

	start := time.Now()
	var out bytes.Buffer
	n := 0
	emit := func(g check.Group) {
		recs := ch.Check(g)
		for i := range recs {
			s.countFindings(&recs[i])
			out.Write(recs[i].AppendJSON(nil))
			out.WriteByte('\n')
			recs[i].Release()
			n++
		}
	}
	grouper := input.NewGrouper(func(g input.Group) error {
		cg := check.Group{Leaf: member(g.Head)}
		for _, m := range g.Chain {
			cg.Chain = append(cg.Chain, member(m))
		}
		emit(cg)
		return nil
	})
	tr := &trackReader{r: body}
	var nothing error // why the body held nothing to lint
	items := 0
	var unreadable error // the first item that could not be read
	// The body is read in this goroutine, never abandoned on the request's
	// context: the server's read timeout and the client's going bound the
	// reads, and their error (i/o timeout) is then the answer's reason,
	// not the "context canceled" that a read timeout also causes (and no
	// reader goroutine is left writing tr.err).
	err = input.ReadFrom(context.WithoutCancel(r.Context()), "body", tr, input.Options{}, func(it input.Item) error {
		if errors.Is(it.Err, input.ErrNoCertificate) {
			nothing = it.Err
			return nil
		}
		items++
		if it.Err != nil && unreadable == nil {
			unreadable = it.Err
		}
		var c *x509.Certificate
		if it.Err == nil {
			c, _ = check.LightParse(it.DER) // nil: grouped alone, and its record says why
		}
		return grouper.Add(it, c)
	})
	if err == nil {
		err = grouper.Flush()
	}
	if tr.err != nil {
		// The body could not be read whole: no partial answer. Its read
		// error is the cause: say "i/o timeout".
		err = tr.err
	}
	s.m.lintTime.WithLabelValues(epLint).Observe(time.Since(start).Seconds())
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, 0, err
		}
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, 0, err
		}
		return nil, 0, fmt.Errorf("reading the input: %v", err)
	}
	if items == 0 && nothing != nil {
		return nil, 0, fmt.Errorf("no certificate, CSR or TBS in the input: %v", nothing)
	}
	if n == 0 {
		return nil, 0, errors.New("no certificate, CSR or TBS in the input")
	}
	if items == 1 && unreadable != nil {
		// The body is one input and not one xmpplint can read (garbage,
		// truncated DER): bad input, as the pkimetal endpoints say it. In a
		// batch, an unreadable input is its own error record.
		return nil, 0, fmt.Errorf("nothing linted: %v", unreadable)
	}
	return out.Bytes(), n, nil
}

func member(m input.Member) check.Cert {
	return check.Cert{Input: m.Item.Input, Label: m.Item.Label, DER: m.Item.DER, Err: m.Item.Err}
}

// trackReader keeps the first read error other than EOF, which the input
// reader turns into an error record: a body over the cap is a 413.
type trackReader struct {
	r   io.Reader
	err error
}

func (t *trackReader) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}
