// Package input reads certificates from files, directories and streams, as
// a sequence of records: one Item per certificate an input holds or tried to
// hold, in input order.
//
// Inputs are paths (files, or directories walked recursively in sorted
// order) or "-" for standard input. Each input is read in one of four
// formats, detected from the start of its content unless Options.Format
// says otherwise:
//
//   - pem: every CERTIFICATE, X509 CERTIFICATE and TRUSTED CERTIFICATE block,
//     every CERTIFICATE REQUEST and NEW CERTIFICATE REQUEST (PKCS#10), and a
//     block of any other type that holds a bare TBSCertificate; other
//     blocks (private keys, CRLs) and text between blocks are skipped;
//   - der: one DER certificate, or several concatenated;
//   - base64: one base64 DER per line; blank lines and lines starting with
//     '#' are skipped;
//   - ndjson: one JSON object per line with the base64 DER under "raw" (the
//     shape of zgrab2 and Censys certificate records) or "der", and an
//     optional "name" or "id" kept as the item's label.
//
// Every format carries certificate requests and TBSCertificates as it
// carries certificates (package check tells them apart by their structure).
//
// Reading streams: memory stays flat whatever the size of an input. Lines
// and certificates have size caps (Options); an input that breaks a cap or
// its format gives an Item with Err, and reading resumes at the next line
// or block. Nothing is ever silently dropped: a malformed PEM block, a
// truncated DER, a line that does not decode, a JSON line without a
// certificate, an unreadable file or directory, each is one Item with Err.
//
// Grouper regroups a stream of parsed items into presented chains: each
// leaf with the CA certificates that follow it and chain to it.
package input

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
)

// Stdin is the path that names standard input.
const Stdin = "-"

// Item is one certificate of one input, or the error met reading it.
type Item struct {
	// Input names the record: Path#Index, e.g. "certs/chain.pem#1", "-#3".
	Input string
	// Path is the input's path as given or found in a directory walk; "-"
	// for standard input.
	Path string
	// Index counts the items of one input from 0.
	Index int
	// Line is the 1-based line where the certificate starts in a text input
	// (its BEGIN line, its base64 or JSON line); 0 for DER and for errors
	// that concern a whole input.
	Line int
	// DER holds the certificate's bytes as decoded. The reader checks the
	// encoding (PEM, base64, JSON, DER framing), not the certificate: parse
	// DER to know it is one. The slice is the item's own.
	DER []byte
	// Label is the "name" or "id" of an NDJSON record, when it has one.
	Label string
	// Err is set when the item could not be read; DER is then nil. It is
	// an *Error naming the input, the line where there is one, and the
	// reason.
	Err error
}

// Error is a reading error: an input, where in it, and why.
type Error struct {
	Path string
	// Line is the 1-based line number, or 0 when the error has no line.
	Line int
	// Offset is the byte offset in a DER input, or -1.
	Offset int64
	Err    error
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Path)
	if e.Line > 0 {
		b.WriteString(":")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Offset >= 0 {
		b.WriteString(": at byte ")
		b.WriteString(strconv.FormatInt(e.Offset, 10))
	}
	b.WriteString(": ")
	// An fs.PathError repeats the path: keep its operation and cause only.
	var pe *fs.PathError
	if errors.As(e.Err, &pe) && pe.Path == e.Path {
		b.WriteString(pe.Op + ": " + pe.Err.Error())
	} else {
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Reasons, for errors.Is on an Item's Err.
var (
	// ErrTooLarge: a certificate or a line exceeds its cap.
	ErrTooLarge = errors.New("too large")
	// ErrTruncated: the input ends inside a certificate.
	ErrTruncated = errors.New("truncated")
	// ErrMalformed: the bytes do not follow the input's format.
	ErrMalformed = errors.New("malformed")
	// ErrUnknownFormat: auto-detection found no known format.
	ErrUnknownFormat = errors.New("not PEM, DER, base64 lines or NDJSON")
	// ErrLoop: a directory links back to one of its ancestors.
	ErrLoop = errors.New("directory loop")
)

// Format is an input format.
type Format string

// Formats.
const (
	FormatAuto   Format = "auto"
	FormatPEM    Format = "pem"
	FormatDER    Format = "der"
	FormatBase64 Format = "base64"
	FormatNDJSON Format = "ndjson"
)

// Formats lists the formats in the order flag help shows them.
var Formats = []Format{FormatAuto, FormatPEM, FormatDER, FormatBase64, FormatNDJSON}

// ParseFormat parses a format name, case-insensitively; "" is auto.
func ParseFormat(s string) (Format, error) {
	if s == "" {
		return FormatAuto, nil
	}
	f := Format(strings.ToLower(s))
	for _, known := range Formats {
		if f == known {
			return f, nil
		}
	}
	return "", fmt.Errorf("format %q: want auto, pem, der, base64 or ndjson", s)
}

// Default caps.
const (
	DefaultMaxCertSize = 1 << 20 // 1 MiB of DER
	DefaultMaxLineSize = 4 << 20 // 4 MiB: a 1 MiB certificate in base64 with room for JSON around it
)

// Options control reading. The zero value reads every input in auto format
// with the default caps.
type Options struct {
	// Format of every input; FormatAuto ("" too) detects it per input.
	Format Format
	// MaxCertSize caps one certificate's DER; 0 means DefaultMaxCertSize.
	MaxCertSize int
	// MaxLineSize caps one line of a text input; 0 means
	// DefaultMaxLineSize.
	MaxLineSize int
}

func (o Options) normalize() (Options, error) {
	f, err := ParseFormat(string(o.Format))
	if err != nil {
		return o, err
	}
	o.Format = f
	if o.MaxCertSize <= 0 {
		o.MaxCertSize = DefaultMaxCertSize
	}
	if o.MaxLineSize <= 0 {
		o.MaxLineSize = DefaultMaxLineSize
	}
	return o, nil
}

// Read reads every input in order and calls yield once per item. No paths
// means standard input; "-" names it among paths. A directory is walked
// recursively in sorted order: it yields the files named *.pem, *.crt,
// *.cer, *.der, *.csr, *.req (any case) and the other regular files whose start holds
// PEM, or the forced format when Options.Format is not auto. Symbolic links
// are followed; a link back to an ancestor directory is an error item, not
// a loop.
//
// An input that holds no certificate and nothing else (empty, blank lines,
// comments, only private keys) gives no item; one in no known format gives
// one error item. Problems with inputs are items with Err, never the end
// of reading. Read
// returns an error only for invalid options, when yield returns one (which
// Read returns as is), or when ctx is done (ctx.Err()). It checks ctx
// between items and between reads, and does not wait for a blocked read
// of standard input or a pipe once ctx is done.
func Read(ctx context.Context, paths []string, stdin io.Reader, opts Options, yield func(Item) error) error {
	opts, err := opts.normalize()
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{Stdin}
	}
	w := walker{ctx: ctx, stdin: stdin, yield: yield, sr: streamReader{opts: opts}}
	for _, p := range paths {
		if err := w.input(p); err != nil {
			return err
		}
	}
	return nil
}

// ReadFrom reads one input from r, naming its items after name, and calls
// yield once per item. It is Read for a single stream; it returns an error
// only for invalid options, from yield, or from ctx. It does not close r.
func ReadFrom(ctx context.Context, name string, r io.Reader, opts Options, yield func(Item) error) error {
	opts, err := opts.normalize()
	if err != nil {
		return err
	}
	e := &emitter{ctx: ctx, path: name, yield: yield}
	sr := streamReader{opts: opts}
	return sr.read(e, newCancelReader(ctx, r), false)
}

// emitter numbers the items of one input and hands them to yield.
type emitter struct {
	ctx   context.Context
	path  string
	index int
	yield func(Item) error
}

func (e *emitter) emit(it Item) error {
	if err := e.ctx.Err(); err != nil {
		return err
	}
	it.Path = e.path
	it.Index = e.index
	it.Input = inputName(e.path, e.index)
	e.index++
	return e.yield(it)
}

// cert yields a certificate found at line (0 when none).
func (e *emitter) cert(der []byte, line int, label string) error {
	return e.emit(Item{DER: der, Line: line, Label: label})
}

// fail yields an error item. offset is -1 unless the input is DER.
func (e *emitter) fail(line int, offset int64, err error) error {
	return e.emit(Item{Line: line, Err: &Error{Path: e.path, Line: line, Offset: offset, Err: err}})
}

// inputName builds "path#index" with one allocation.
func inputName(path string, index int) string {
	var buf [20]byte
	num := strconv.AppendInt(buf[:0], int64(index), 10)
	var b strings.Builder
	b.Grow(len(path) + 1 + len(num))
	b.WriteString(path)
	b.WriteByte('#')
	b.Write(num)
	return b.String()
}
