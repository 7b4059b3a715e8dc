package input

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
)

// streamReader reads inputs one after another, reusing its buffers, so
// that a walk over many files allocates them once.
type streamReader struct {
	opts  Options
	br    *bufio.Reader
	lines []byte // long-line buffer of lineReader
	b64   []byte // base64 text of the PEM block being read
}

// read reads one input into e. walked marks a file found in a directory
// walk: it is read only when its name or its content says it holds
// certificates (see Read).
func (s *streamReader) read(e *emitter, r io.Reader, walked bool) error {
	if s.br == nil {
		// Not NewReaderSize(r, ...), which would return r itself when it is
		// a large enough bufio.Reader: the caller's, which Reset must not touch.
		s.br = bufio.NewReaderSize(nil, sniffSize)
	}
	s.br.Reset(r)
	defer s.br.Reset(nil) // drop the reference to r
	f := s.opts.Format
	if f == FormatAuto || walked {
		sniffed, err := sniff(s.br)
		if err != nil {
			return s.readErr(e, err)
		}
		if walked && !certExtension(e.path) && sniffed != FormatPEM && (f == FormatAuto || sniffed != f) {
			return nil
		}
		if f == FormatAuto {
			f = resolve(sniffed, e.path)
		}
	}
	if f == FormatDER {
		return s.der(e)
	}
	lr := &lineReader{ctx: e.ctx, r: s.br, max: s.opts.MaxLineSize, buf: s.lines}
	defer func() { s.lines = lr.buf[:0] }()
	switch f {
	case FormatPEM:
		return s.pem(e, lr)
	case FormatBase64:
		return s.base64(e, lr)
	case FormatNDJSON:
		return s.ndjson(e, lr)
	}
	return e.fail(0, -1, ErrUnknownFormat)
}

// resolve turns a detection result into the format to read: content wins,
// the file name decides only when the content is blank or unrecognised.
func resolve(sniffed Format, path string) Format {
	switch sniffed {
	case formatBlank:
		if f := formatByExtension(path); f != formatUnknown {
			return f
		}
		return FormatPEM // nothing to read so far; PEM skips any text
	case formatUnknown:
		return formatByExtension(path)
	}
	return sniffed
}

// readErr reports an I/O error in the middle of an input as an item, and
// ends that input. A cancelled context ends the whole reading instead.
func (s *streamReader) readErr(e *emitter, err error) error {
	if cerr := e.ctx.Err(); cerr != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		return cerr
	}
	return e.fail(0, -1, err)
}

func (s *streamReader) tooLong(e *emitter, lr *lineReader) error {
	return e.fail(lr.line, -1, reason(ErrTooLarge, "line longer than %d bytes", lr.max))
}

// base64 reads one base64 DER per line.
func (s *streamReader) base64(e *emitter, lr *lineReader) error {
	for {
		line, err := lr.next()
		switch {
		case err == io.EOF:
			return nil
		case err == errLineTooLong:
			if err := s.tooLong(e, lr); err != nil {
				return err
			}
			continue
		case err != nil:
			return s.readErr(e, err)
		}
		line = trimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		der, err := decodeBase64(line, s.opts.MaxCertSize)
		if err != nil {
			err = e.fail(lr.line, -1, err)
		} else {
			err = e.cert(der, lr.line, "")
		}
		if err != nil {
			return err
		}
	}
}

// ndjson reads one JSON object per line.
func (s *streamReader) ndjson(e *emitter, lr *lineReader) error {
	for {
		line, err := lr.next()
		switch {
		case err == io.EOF:
			return nil
		case err == errLineTooLong:
			if err := s.tooLong(e, lr); err != nil {
				return err
			}
			continue
		case err != nil:
			return s.readErr(e, err)
		}
		line = trimSpace(line)
		if len(line) == 0 {
			continue
		}
		der, label, err := parseRecord(line, s.opts.MaxCertSize)
		if err != nil {
			err = e.fail(lr.line, -1, err)
		} else {
			err = e.cert(der, lr.line, label)
		}
		if err != nil {
			return err
		}
	}
}

// record is the part of an NDJSON line the reader uses. The certificate
// fields stay raw JSON so that a plain base64 string is decoded in place.
type record struct {
	Raw  json.RawMessage `json:"raw"`
	DER  json.RawMessage `json:"der"`
	Name json.RawMessage `json:"name"`
	ID   json.RawMessage `json:"id"`
}

// parseRecord decodes one NDJSON line: the certificate under "raw" (or,
// when raw is absent or null, "der"), and a label from "name" or "id".
func parseRecord(line []byte, max int) (der []byte, label string, err error) {
	var rec record
	if err := json.Unmarshal(line, &rec); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, "", reason(ErrMalformed, "bad JSON at byte %d: %v", se.Offset, se)
		case errors.As(err, &te) && te.Field == "":
			return nil, "", reason(ErrMalformed, "JSON %s where an object should be", te.Value)
		}
		return nil, "", reason(ErrMalformed, "bad JSON: %v", err)
	}
	field, value := "raw", rec.Raw
	if isNull(value) {
		field, value = "der", rec.DER
	}
	if isNull(value) {
		return nil, "", reason(ErrMalformed, `no "raw" or "der" field`)
	}
	if value[0] != '"' {
		return nil, "", reason(ErrMalformed, "%q is not a string", field)
	}
	b64 := value[1 : len(value)-1]
	if bytes.IndexByte(b64, '\\') >= 0 { // escapes, e.g. "\/": let JSON undo them
		var s string
		if err := json.Unmarshal(value, &s); err != nil {
			return nil, "", reason(ErrMalformed, "%q: %v", field, err)
		}
		b64 = []byte(s)
	}
	der, err = decodeBase64(trimSpace(b64), max)
	if err != nil {
		return nil, "", reason(errKind(err), "%q: %v", field, err)
	}
	label = labelOf(rec.Name)
	if label == "" {
		label = labelOf(rec.ID)
	}
	return der, label, nil
}

func isNull(v json.RawMessage) bool { return len(v) == 0 || string(v) == "null" }

// labelOf renders a JSON string or number as a label; anything else is
// no label.
func labelOf(v json.RawMessage) string {
	if len(v) == 0 {
		return ""
	}
	switch c := v[0]; {
	case c == '"' && bytes.IndexByte(v, '\\') < 0:
		return string(v[1 : len(v)-1])
	case c == '"':
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	case c == '-' || '0' <= c && c <= '9':
		return string(v)
	}
	return ""
}

// errKind returns the kind of a reason error, to keep it when rewording.
func errKind(err error) error {
	var re *reasonError
	if errors.As(err, &re) {
		return re.kind
	}
	return ErrMalformed
}

// der reads concatenated DER certificates. Whitespace and NUL bytes
// between or after them are ignored. A byte that cannot start a
// certificate, or a broken header, ends the input: DER has no point to
// resync at.
func (s *streamReader) der(e *emitter) error {
	br := s.br
	var off int64
	for {
		if err := e.ctx.Err(); err != nil {
			return err
		}
		b, err := br.Peek(6)
		if err != nil && err != io.EOF {
			return s.readErr(e, err)
		}
		if len(b) == 0 {
			return nil
		}
		if isPadding(b[0]) {
			n, err := skipPadding(br)
			off += n
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return s.readErr(e, err)
			}
			continue
		}
		hdr, n, ok, herr := tlvHeader(b)
		switch {
		case herr != nil:
			return e.fail(0, off, herr)
		case !ok:
			return e.fail(0, off, reason(ErrTruncated, "truncated DER: the input ends inside a header"))
		}
		total := hdr + n
		if total > s.opts.MaxCertSize {
			if err := e.fail(0, off, reason(ErrTooLarge, "certificate of %d bytes exceeds the %d-byte limit", total, s.opts.MaxCertSize)); err != nil {
				return err
			}
			k, err := br.Discard(total)
			off += int64(k)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return s.readErr(e, err)
			}
			continue
		}
		der := make([]byte, total)
		k, err := io.ReadFull(br, der)
		if err == io.ErrUnexpectedEOF {
			return e.fail(0, off, reason(ErrTruncated, "truncated DER: the header says %d bytes, %d remain", total, k))
		}
		if err != nil {
			return s.readErr(e, err)
		}
		if err := e.cert(der, 0, ""); err != nil {
			return err
		}
		off += int64(total)
	}
}

func isPadding(c byte) bool { return c == 0 || isSpace(c) }

// skipPadding consumes padding bytes and returns how many it consumed, and
// io.EOF when they run to the end of the input.
func skipPadding(br *bufio.Reader) (int64, error) {
	var n int64
	for {
		c, err := br.ReadByte()
		if err != nil {
			return n, err
		}
		if !isPadding(c) {
			return n, br.UnreadByte()
		}
		n++
	}
}
