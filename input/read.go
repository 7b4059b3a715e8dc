package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
)

// streamReader reads inputs one after another, reusing its buffers, so
// that a walk over many files allocates them once.
type streamReader struct {
	opts    Options
	skip    func(path, why string) // a walked file not read
	br      *bufio.Reader
	zbr     *bufio.Reader // the decompressed side of a gzip input
	zr      *gzip.Reader
	lines   []byte // long-line buffer of lineReader
	b64     []byte // base64 text of the PEM block or wrapped base64 being read
	headBuf [66]byte
}

// read reads one input into e. walked marks a file found in a directory
// walk: it is read only when its name or its content says it holds
// certificates (see Read), and when it yields nothing it is reported to
// Options.OnSkip instead of as an error item.
func (s *streamReader) read(e *emitter, r io.Reader, walked bool) error {
	if s.br == nil {
		// Not NewReaderSize(r, ...), which would return r itself when it is
		// a large enough bufio.Reader: the caller's, which Reset must not touch.
		s.br = bufio.NewReaderSize(nil, sniffSize)
	}
	s.br.Reset(r)
	defer s.br.Reset(nil) // drop the reference to r
	br, name := s.br, e.path
	if isGzip(br) {
		zr, err := s.gunzip(br)
		if err != nil {
			// A walked file named for certificates (x.pem.gz) is an input
			// that failed, not one to skip.
			return s.nothing(e, err, walked && !certExtension(stripGz(e.path)))
		}
		if s.zbr == nil {
			s.zbr = bufio.NewReaderSize(nil, sniffSize)
		}
		s.zbr.Reset(zr)
		defer s.zbr.Reset(nil)
		br, name = s.zbr, stripGz(name)
		if isGzip(br) {
			return s.nothing(e, reason(ErrMalformed, "gzip inside gzip"), walked)
		}
	}
	if why := keyStoreReason(br, e.path); why != nil {
		return s.nothing(e, why, walked)
	}
	start, _ := br.Peek(1)
	empty := len(start) == 0
	if err := s.readFormat(e, br, name, walked); err != nil || e.index > 0 {
		return err
	}
	return s.nothing(e, e.nothing(empty), walked)
}

// nothing reports an input that yielded no item: an error item, or a skip
// for a walked file.
func (s *streamReader) nothing(e *emitter, why error, walked bool) error {
	if walked {
		s.skip(e.path, why.Error())
		return nil
	}
	return e.fail(0, -1, why)
}

// readFormat reads one input in its format from br; name is its path
// without a .gz suffix.
func (s *streamReader) readFormat(e *emitter, br *bufio.Reader, name string, walked bool) error {
	f := s.opts.Format
	if f == FormatAuto || walked {
		sniffed, err := sniff(br)
		if err != nil {
			return s.readErr(e, err)
		}
		if walked && !certExtension(name) && sniffed != FormatPEM && (f == FormatAuto || sniffed != f) {
			e.why = skipReason(br, e.path, name, sniffed)
			return nil
		}
		if f == FormatAuto {
			f = resolve(sniffed, name)
		}
	}
	if f == FormatDER {
		return s.der(e, br)
	}
	lr := &lineReader{ctx: e.ctx, r: br, max: s.opts.MaxLineSize, buf: s.lines}
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

// sniffedPrefix returns the bytes detection looked at.
func sniffedPrefix(br *bufio.Reader) []byte {
	b, _ := br.Peek(br.Buffered())
	return b
}

// skipReason says why a walked file is not read.
func skipReason(br *bufio.Reader, path, name string, sniffed Format) error {
	if sniffed == FormatDER {
		switch k, key := classify(sniffedPrefix(br)); k {
		case kindPKCS12:
			return pkcs12Reason(path)
		case kindKey:
			return reason(ErrNoCertificate, "%s: no certificate", key)
		case kindCSR:
			return reason(ErrNotCertificate, "DER CERTIFICATE REQUEST not named .der, .csr or .req: name the file itself to lint it")
		}
	}
	if isPKCS12Name(name) {
		return pkcs12Reason(path)
	}
	return reason(ErrNoCertificate, "not named .pem, .crt, .cer, .der, .p7b, .p7c, .csr or .req and holds no PEM")
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

// wrapped is a DER object in base64 split over lines, as base64(1) and
// openssl base64 write it: lines of one width, the last one no longer.
type wrapped struct {
	start int // line of the first piece; 0 when none is pending
	width int // length of the first line
	need  int // base64 characters of the whole object, without padding
	have  int
	limit int  // the object's size cap
	keep  bool // false: the object is too large, its lines are consumed only
	total int  // the object's DER length
	last  int  // its last line so far
}

// base64 reads base64 DER objects: one per line, or one wrapped over
// several lines. A line starts an object; when the DER length its first
// bytes announce is longer than the line, the lines that follow, of the
// same width (the last one no longer), complete it.
func (s *streamReader) base64(e *emitter, lr *lineReader) error {
	var w wrapped
	defer func() { s.b64 = s.b64[:0] }()
	for {
		line, err := lr.next()
		switch {
		case err == io.EOF:
			return s.unwrapped(e, &w, lr.line)
		case err == errLineTooLong:
			if err := s.unwrapped(e, &w, lr.line); err != nil {
				return err
			}
			if err := s.tooLong(e, lr); err != nil {
				return err
			}
			continue
		case err != nil:
			return s.readErr(e, err)
		}
		line = trimSpace(line)
		blank := len(line) == 0 || line[0] == '#'
		if w.start != 0 {
			n := len(bytes.TrimRight(line, "="))
			if !blank && len(line) <= w.width && w.have+n <= w.need && isBase64Line(line) {
				if err := s.continueWrapped(e, &w, line, n, lr.line); err != nil {
					return err
				}
				continue
			}
			if err := s.unwrapped(e, &w, lr.line); err != nil {
				return err
			}
		}
		if blank {
			continue
		}
		if err := s.base64Line(e, &w, line, lr.line); err != nil {
			return err
		}
	}
}

// base64Line reads a line that starts an object.
func (s *streamReader) base64Line(e *emitter, w *wrapped, line []byte, n int) error {
	// The first bytes tell the object's length and, for a bundle, its
	// larger cap.
	head := s.head(line)
	hdr, size, ok, herr := tlvHeader(head)
	unpadded := len(bytes.TrimRight(line, "="))
	if !ok || herr != nil || isPadded(line) {
		return s.base64Object(e, line, n, s.opts.MaxCertSize)
	}
	total := hdr + size
	limit := s.limit(head, total)
	need := (total*4 + 2) / 3
	// All on this line, not base64, or a line no tool wraps at (base64(1)
	// writes 76 characters, openssl and PEM 64): a line of a file that
	// holds one object per line is never joined with the next, even when
	// it is cut short, so that each line keeps its own record.
	if len(line) > maxWrapWidth && unpadded < need && isBase64Line(line) {
		return e.fail(n, -1, reason(ErrTruncated, "truncated base64 DER: %d of %d bytes on the line", unpadded*3/4, total))
	}
	if unpadded >= need || !isBase64Line(line) || len(line) > maxWrapWidth {
		return s.base64Object(e, line, n, limit)
	}
	*w = wrapped{start: n, width: len(line), need: need, have: unpadded, limit: limit, keep: total <= limit, total: total, last: n}
	if w.keep {
		s.b64 = append(s.b64[:0], line...)
	}
	return nil
}

// maxWrapWidth is the widest line a wrapped base64 object is read from.
const maxWrapWidth = 128

// head decodes the first bytes of a base64 line, enough to classify it,
// into a buffer of the reader's own.
func (s *streamReader) head(line []byte) []byte {
	text := line[:min(len(line), len(s.headBuf)/3*4)&^3]
	n, err := base64.StdEncoding.Decode(s.headBuf[:], text)
	if err != nil && bytes.ContainsAny(text, "-_") {
		n, err = base64.URLEncoding.Decode(s.headBuf[:], text)
	}
	if err != nil {
		return nil
	}
	return s.headBuf[:n]
}

// isPadded reports a line that ends with base64 padding: it cannot be
// followed by more of the same object.
func isPadded(line []byte) bool { return len(line) > 0 && line[len(line)-1] == '=' }

// continueWrapped adds a line of n base64 characters to a wrapped object.
func (s *streamReader) continueWrapped(e *emitter, w *wrapped, line []byte, n, at int) error {
	w.have += n
	w.last = at
	if w.keep {
		s.b64 = append(s.b64, line...)
	}
	if w.have < w.need {
		if len(line) < w.width || isPadded(line) { // a short line ends the object
			return s.unwrapped(e, w, at+1)
		}
		return nil
	}
	if !w.keep {
		return s.unwrapped(e, w, at+1)
	}
	start, limit := w.start, w.limit
	*w = wrapped{}
	return s.base64Object(e, s.b64, start, limit)
}

// unwrapped ends a wrapped object that is too large, or stopped short
// before line at.
func (s *streamReader) unwrapped(e *emitter, w *wrapped, at int) error {
	if w.start == 0 {
		return nil
	}
	x := *w
	*w = wrapped{}
	if !x.keep { // its lines were consumed unread: say which
		return e.fail(x.start, -1, reason(ErrTooLarge, "base64 DER of %d bytes exceeds the %d-byte limit (lines %d-%d not read)", x.total, x.limit, x.start, x.last))
	}
	return e.fail(x.start, -1, reason(ErrTruncated, "truncated base64 DER: %d of %d bytes before line %d", x.have*3/4, x.total, at))
}

// base64Object decodes one object and yields what it holds.
func (s *streamReader) base64Object(e *emitter, text []byte, line, limit int) error {
	der, err := decodeBase64(text, limit)
	if err != nil {
		return e.fail(line, -1, err)
	}
	return s.object(e, der, line, -1)
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

// der reads concatenated DER objects: certificates, PKCS#7 bundles, and
// the keys and requests (see object) that travel with them. Whitespace and
// NUL bytes between or after them are ignored. A byte that cannot start an
// object, or a broken header, ends the input: DER has no point to resync
// at.
func (s *streamReader) der(e *emitter, br *bufio.Reader) error {
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
			head, _ := br.Peek(64)
			switch k, _ := classify(head); k {
			case kindPKCS7BER:
				return e.fail(0, off, pkcs7BERReason(e.path))
			case kindPKCS12:
				return e.fail(0, off, pkcs12Reason(e.path))
			}
			return e.fail(0, off, herr)
		case !ok:
			return e.fail(0, off, reason(ErrTruncated, "truncated DER: the input ends inside a header"))
		}
		total := hdr + n
		head, _ := br.Peek(min(total, 64))
		limit := s.limit(head, total)
		if total > limit {
			why := reason(ErrTooLarge, "certificate of %d bytes exceeds the %d-byte limit", total, limit)
			if k, _ := classify(head); k == kindPKCS12 {
				why = pkcs12Reason(e.path)
			}
			if err := e.fail(0, off, why); err != nil {
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
		if err := s.object(e, der, 0, off); err != nil {
			return err
		}
		off += int64(total)
	}
}

// bundleFactor: a PKCS#7 bundle may be this many times Options.MaxCertSize.
const bundleFactor = 64

// limit is the size cap of an object of total bytes that starts with
// head: a bundle's is larger.
func (s *streamReader) limit(head []byte, total int) int {
	if total > s.opts.MaxCertSize {
		if k, _ := classify(head); k == kindPKCS7 {
			return s.opts.MaxCertSize * bundleFactor
		}
	}
	return s.opts.MaxCertSize
}

// object yields what one DER object of a DER or base64 input holds: a
// certificate is an item; a bundle, one item per certificate; a PKCS#12
// key store, an error item naming it (a request is an item, as a
// certificate is: package check tells them apart); a private key or a CRL
// is noted as held, and named only when the input yields no item. line and
// off place it (0 and -1 when unknown).
func (s *streamReader) object(e *emitter, der []byte, line int, off int64) error {
	switch k, key := classify(der); k {
	case kindPKCS7, kindPKCS7BER:
		return s.bundle(e, der, line, off)
	case kindPKCS12:
		return e.fail(line, off, pkcs12Reason(e.path))
	case kindKey:
		e.hold(key)
		return nil
	case kindCRL:
		e.hold("X509 CRL")
		return nil
	}
	return e.cert(der, line, "")
}

// bundle yields the certificates of a PKCS#7 bundle, each an item.
func (s *streamReader) bundle(e *emitter, der []byte, line int, off int64) error {
	entries, err := pkcs7Certs(der)
	if errors.Is(err, ErrNoCertificate) {
		e.hold("PKCS7")
		return nil
	}
	if err != nil {
		return e.fail(line, off, err)
	}
	for _, en := range entries {
		switch {
		case en.err != nil:
			err = e.fail(line, off, en.err)
		case len(en.der) > s.opts.MaxCertSize:
			err = e.fail(line, off, reason(ErrTooLarge, "PKCS#7: certificate of %d bytes exceeds the %d-byte limit", len(en.der), s.opts.MaxCertSize))
		default:
			err = e.cert(bytes.Clone(en.der), line, "")
		}
		if err != nil {
			return err
		}
	}
	return nil
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
