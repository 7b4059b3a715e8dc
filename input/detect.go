package input

import (
	"bufio"
	"bytes"
	"io"
	"path/filepath"
	"strings"
)

// sniffSize bounds how much of an input format detection looks at. It is
// also the size of the read buffer, which holds the sniffed bytes.
const sniffSize = 64 << 10

// Results of detection besides the four formats.
const (
	formatUnknown Format = ""      // content that is none of the formats
	formatBlank   Format = "blank" // only blank lines and '#' comments
)

var (
	beginMarker = []byte("-----BEGIN ")
	endMarker   = []byte("-----END ")
	dashes      = []byte("-----")
	utf8BOM     = []byte("\xef\xbb\xbf")
)

// detect decides the format of an input from its first bytes. final
// reports that prefix is all there is to look at (the whole input, or
// sniffSize bytes of it). decided is false when more bytes are needed.
//
// The rules, in order:
//   - a first byte 0x30 (an ASN.1 SEQUENCE) is DER;
//   - blank lines and lines starting with '#' are skipped;
//   - a line holding "-----BEGIN " is PEM, whatever text comes before it
//     (openssl's -text output, s_client transcripts, bag attributes);
//   - if the first other line starts with '{' it is NDJSON; if it is made
//     of base64 characters only and starts like a DER SEQUENCE ("M"), it
//     is base64 lines;
//   - otherwise it is text, and PEM only if a BEGIN line follows within
//     the sniffed bytes.
//
// Only complete lines count, unless final: the decision does not depend
// on how the bytes arrive.
func detect(prefix []byte, final bool) (f Format, decided bool) {
	b := prefix
	if len(b) < len(utf8BOM) && !final && bytes.HasPrefix(utf8BOM, b) {
		return formatUnknown, false
	}
	b = bytes.TrimPrefix(b, utf8BOM)
	if len(b) > 0 && b[0] == 0x30 {
		return FormatDER, true
	}
	text := false
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		if i < 0 && !final {
			break // an incomplete line decides nothing yet
		}
		var line []byte
		if i < 0 {
			line, b = b, nil
		} else {
			line, b = b[:i], b[i+1:]
		}
		line = trimSpace(line)
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if bytes.Contains(line, beginMarker) {
			return FormatPEM, true
		}
		if text {
			continue
		}
		switch {
		case line[0] == '{':
			return FormatNDJSON, true
		case line[0] == 'M' && len(line) >= 16 && isBase64Line(line):
			return FormatBase64, true
		}
		text = true
	}
	if !final {
		return formatUnknown, false
	}
	if text {
		return formatUnknown, true
	}
	return formatBlank, true
}

// isBase64Line reports whether line holds only characters of the standard
// or URL-safe base64 alphabets, with '=' padding.
func isBase64Line(line []byte) bool {
	for _, c := range line {
		if !('A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '+' || c == '/' || c == '-' || c == '_' || c == '=') {
			return false
		}
	}
	return true
}

// sniff runs detect on the start of r, reading only as much as it needs:
// a slow stream is classified as soon as its first line arrives.
func sniff(r *bufio.Reader) (Format, error) {
	want := 1
	for {
		_, err := r.Peek(want)
		if err != nil && err != io.EOF {
			return formatUnknown, err
		}
		b, _ := r.Peek(r.Buffered())
		final := err == io.EOF || len(b) >= sniffSize
		if f, ok := detect(b, final); ok {
			return f, nil
		}
		want = len(b) + 1
	}
}

// certExtension reports a file name that says it holds certificates.
func certExtension(name string) bool {
	return formatByExtension(name) != formatUnknown
}

// formatByExtension is the fallback for content detection cannot place.
func formatByExtension(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".pem", ".crt", ".cer", ".csr", ".req":
		return FormatPEM
	case ".der", ".p7b", ".p7c":
		return FormatDER
	}
	return formatUnknown
}
