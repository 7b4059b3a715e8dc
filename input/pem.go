package input

import (
	"bytes"
	"io"
)

// Kinds of PEM block. A block of any other type is read only when it holds
// a bare TBSCertificate (see isTBS); otherwise it is skipped, and named
// when the input yields no certificate.
const (
	blockOther = iota
	blockCertificate
	blockX509Certificate
	blockTrustedCertificate
	blockRequest
	blockNewRequest
	blockPKCS7 // a bundle: one item per certificate
)

var blockNames = [...]string{
	blockOther:              "",
	blockCertificate:        "CERTIFICATE",
	blockX509Certificate:    "X509 CERTIFICATE",
	blockTrustedCertificate: "TRUSTED CERTIFICATE",
	blockRequest:            "CERTIFICATE REQUEST",     // PKCS#10, RFC 7468 7
	blockNewRequest:         "NEW CERTIFICATE REQUEST", // PKCS#10 as older tools label it
	blockPKCS7:              "PKCS7",
}

func blockKind(typ []byte) int {
	for k, name := range blockNames {
		if k != blockOther && string(typ) == name {
			return k
		}
	}
	switch string(typ) {
	case "PKCS #7 SIGNED DATA", "CMS": // other spellings of a bundle
		return blockPKCS7
	}
	return blockOther
}

// pemState follows one PEM input line by line. Markers are found anywhere
// in a line, so blocks glued on one line (as some configuration files and
// environment variables carry them) still split right. A BEGIN inside a
// block ends the block (as unterminated) and starts the next one: a
// missing END line costs one item, never the certificates after it.
type pemState struct {
	s  *streamReader
	e  *emitter
	in bool // inside a block

	kind  int   // of the current block
	start int   // line of its BEGIN
	bad   error // first problem met inside it
	b64   []byte
	max   int // cap of b64: the base64 length of the block's size cap

	sawBegin, sawText bool
}

func (s *streamReader) pem(e *emitter, lr *lineReader) error {
	p := &pemState{s: s, e: e, b64: s.b64[:0]}
	defer func() { s.b64 = p.b64[:0] }()
	for {
		line, err := lr.next()
		switch {
		case err == io.EOF:
			return p.eof(lr.line)
		case err == errLineTooLong:
			p.sawText = true
			if p.in && p.bad == nil {
				p.bad = reason(ErrTooLarge, "line %d is longer than %d bytes", lr.line, lr.max)
			}
			continue
		case err != nil:
			return s.readErr(e, err)
		}
		if err := p.line(line, lr.line); err != nil {
			return err
		}
	}
}

// line handles one line: markers and base64 text, in any number.
func (p *pemState) line(line []byte, n int) error {
	whole := true
	for len(line) > 0 {
		if !p.in {
			i := bytes.Index(line, beginMarker)
			if i < 0 {
				if t := trimSpace(line); len(t) > 0 && t[0] != '#' {
					p.sawText = true
				}
				return nil
			}
			typ, rest := marker(line[i+len(beginMarker):])
			p.sawBegin, p.in = true, true
			p.kind, p.start, p.bad, p.b64 = blockKind(typ), n, nil, p.b64[:0]
			p.max = (p.limit()+2)/3*4 + 4
			line, whole = rest, false
			if p.kind == blockOther {
				p.e.hold(pemLabel(typ))
			}
			continue
		}
		i := bytes.Index(line, dashes)
		if i < 0 {
			p.body(line, whole)
			return nil
		}
		p.body(line[:i], false)
		m := line[i:]
		switch {
		case bytes.HasPrefix(m, endMarker):
			typ, rest := marker(m[len(endMarker):])
			if err := p.end(typ, n); err != nil {
				return err
			}
			line = rest
		case bytes.HasPrefix(m, beginMarker):
			if err := p.unterminated(reason(ErrTruncated, "%s block has no END line before the BEGIN at line %d", blockNames[p.kind], n)); err != nil {
				return err
			}
			line = m
		default:
			if p.bad == nil {
				p.bad = reason(ErrMalformed, "stray \"-----\" at line %d", n)
			}
			line = m[len(dashes):]
		}
		whole = false
	}
	return nil
}

// marker splits "TYPE-----rest" after a BEGIN or END marker.
func marker(b []byte) (typ, rest []byte) {
	i := bytes.Index(b, dashes)
	if i < 0 {
		return trimSpace(b), nil
	}
	return trimSpace(b[:i]), b[i+len(dashes):]
}

// body takes base64 text inside a block. RFC 1421 headers (Proc-Type and
// the like) come before the base64 text, on whole lines with a colon.
func (p *pemState) body(b []byte, whole bool) {
	if p.kind == blockOther && p.bad != nil {
		return // too large to be a TBS: skipped
	}
	b = trimSpace(b)
	if len(b) == 0 || whole && len(p.b64) == 0 && bytes.IndexByte(b, ':') >= 0 {
		return
	}
	for len(b) > 0 { // append the runs between blanks
		i := bytes.IndexByte(b, ' ')
		if i < 0 {
			i = len(b)
		}
		if j := bytes.IndexByte(b[:i], '\t'); j >= 0 {
			i = j
		}
		if len(p.b64)+i > p.max {
			if p.bad == nil {
				p.bad = reason(ErrTooLarge, "%s exceeds the %d-byte limit", p.what(), p.limit())
			}
			return
		}
		p.b64 = append(p.b64, b[:i]...)
		b = trimSpace(b[i:])
	}
}

// end closes the block at an END marker of type typ.
func (p *pemState) end(typ []byte, n int) error {
	kind := p.kind
	p.in = false
	if kind == blockOther {
		return p.other(typ)
	}
	name := blockNames[kind]
	switch {
	case blockKind(typ) != kind:
		return p.e.fail(p.start, -1, reason(ErrMalformed, "%s block ends with END %q at line %d", name, typ, n))
	case p.bad != nil:
		return p.e.fail(p.start, -1, reason(errKind(p.bad), "%s block: %v", name, p.bad))
	}
	der, err := decodeBase64(p.b64, p.limit())
	if err == nil && kind == blockTrustedCertificate {
		der, err = firstTLV(der)
	}
	if err != nil {
		return p.e.fail(p.start, -1, reason(errKind(err), "%s block: %v", name, err))
	}
	if kind == blockPKCS7 {
		return p.s.bundle(p.e, der, p.start, -1)
	}
	if k, _ := classify(der); k == kindPKCS7 { // a bundle under a CERTIFICATE label, as some CAs send it
		return p.s.bundle(p.e, der, p.start, -1)
	}
	return p.e.cert(der, p.start, "")
}

// other closes a block of another type: it is an item when it holds a bare
// TBSCertificate, whatever its label ("TBS CERTIFICATE", "CERTIFICATE TBS"
// and the like), and skipped otherwise (keys, parameters, CRLs).
func (p *pemState) other(typ []byte) error {
	if p.bad != nil || len(p.b64) == 0 {
		return nil
	}
	der, err := decodeBase64(p.b64, p.s.opts.MaxCertSize)
	if err != nil || !isTBS(der) {
		return nil
	}
	return p.e.cert(der, p.start, "")
}

// limit is the size cap of the current block's DER.
func (p *pemState) limit() int {
	if p.kind == blockPKCS7 {
		return p.s.opts.MaxCertSize * bundleFactor
	}
	return p.s.opts.MaxCertSize
}

func (p *pemState) what() string {
	if p.kind == blockPKCS7 {
		return "bundle"
	}
	return "certificate"
}

// unterminated closes a block that has no END marker.
func (p *pemState) unterminated(why error) error {
	p.in = false
	if p.kind == blockOther {
		return nil
	}
	return p.e.fail(p.start, -1, why)
}

func (p *pemState) eof(lines int) error {
	if p.in {
		return p.unterminated(reason(ErrTruncated, "%s block has no END line: the input ends at line %d", blockNames[p.kind], lines))
	}
	if !p.sawBegin && p.sawText {
		return p.e.fail(0, -1, reason(ErrMalformed, "no PEM block"))
	}
	return nil
}
