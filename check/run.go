package check

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Cert is one certificate read from an input: its DER, or the reason it
// could not be read.
type Cert struct {
	Input string
	Label string
	DER   []byte
	Err   error
}

// Group is a leaf (or a lone certificate) with the CA certificates that
// follow it in its input and chain to it.
type Group struct {
	Leaf  Cert
	Chain []Cert
}

// ZlintRunner runs zlint's own lints on a certificate.
type ZlintRunner interface {
	// Lint returns zlint's results sorted by lint name.
	Lint(c *x509.Certificate) Results
}

// Check runs the checker on a group and returns one record per
// certificate: the leaf's first, then each chain certificate's, in input
// order. It never panics and never loses a certificate: a certificate that
// cannot be read or parsed gets a record with Error.
func (ch *Checker) Check(g Group) []Record {
	recs := make([]Record, 0, 1+len(g.Chain))
	parse := ch.parser()
	leaf, leafErr := parse(g.Leaf)
	var chain []*x509.Certificate
	var chainInputs []string
	chainRecs := make([]Record, 0, len(g.Chain))
	for _, cc := range g.Chain {
		c, err := parse(cc)
		if err != nil {
			chainRecs = append(chainRecs, errorRecord(cc.Input, cc.Label, cc.DER, err))
			continue
		}
		chain = append(chain, c)
		chainInputs = append(chainInputs, cc.Input)
		rec := ch.lintOne(cc, c, nil, ch.chainOpts)
		if leafErr == nil {
			rec.ChainOf = g.Leaf.Input
		}
		chainRecs = append(chainRecs, rec)
	}
	if leafErr != nil {
		recs = append(recs, errorRecord(g.Leaf.Input, g.Leaf.Label, g.Leaf.DER, leafErr))
	} else {
		rec := ch.lintOne(g.Leaf, leaf, chain, ch.opts)
		rec.Chain = chainInputs
		if rec.Role == string(xmpp.RoleCA) && ch.opts.Role == xmpp.RoleAuto && len(leaf.DNSNames) > 0 {
			rec.Notes = append(rec.Notes, "taken as a CA certificate (basicConstraints cA=TRUE, no SRV-ID or XmppAddr), so server lints and federation verdicts do not apply; if it is a server's certificate, as `openssl req -x509` makes them by default, lint it with --role server")
		}
		recs = append(recs, rec)
	}
	// The records refer to none of the certificates' memory.
	releaseCert(leaf)
	for _, c := range chain {
		releaseCert(c)
	}
	return append(recs, chainRecs...)
}

// CheckOne runs the checker on one certificate without a chain.
func (ch *Checker) CheckOne(c Cert) Record {
	return ch.Check(Group{Leaf: c})[0]
}

// parse turns a certificate's DER into what lintOne reads: the engine's
// decoder's reading (decode.go) when it takes the certificate, zcrypto's
// parse otherwise. A certificate neither reads is a ParseError with
// zcrypto's reason.
func parse(c Cert) (*x509.Certificate, error) {
	if c.Err != nil {
		return nil, c.Err
	}
	if cert := decodeSafe(c.DER); cert != nil {
		return cert, nil
	}
	return parseZcrypto(c)
}

// decodeSafe is decode, or nil where decode declines (or, were it ever to,
// panics: the certificate then goes to zcrypto like any other it declines).
func decodeSafe(der []byte) (c *x509.Certificate) {
	defer func() {
		if recover() != nil {
			c = nil
		}
	}()
	c, err := decode(der)
	if err != nil {
		return nil
	}
	return c
}

// parseZcrypto is zcrypto's full parse, which zlint's own lints need.
func parseZcrypto(c Cert) (*x509.Certificate, error) {
	if c.Err != nil {
		return nil, c.Err
	}
	cert, err := x509.ParseCertificate(c.DER)
	if err != nil {
		return nil, &ParseError{Input: c.Input, Err: err}
	}
	return cert, nil
}

// parser is the parse the checker's configuration needs: zcrypto's when
// zlint's lints run too, the decoder's otherwise.
func (ch *Checker) parser() func(Cert) (*x509.Certificate, error) {
	if ch.cfg.Zlint != nil || ch.zcryptoOnly {
		return parseZcrypto
	}
	return parse
}

// lintOne lints one parsed certificate under opts; chain is non-nil for a
// leaf presented with CA certificates.
func (ch *Checker) lintOne(in Cert, c *x509.Certificate, chain []*x509.Certificate, opts xmpp.Options) (rec Record) {
	rec = Record{Input: in.Input, Label: in.Label}
	defer func() {
		// Lints recover their own panics (xmpp.Info.Run); this guards the
		// rest of the engine so that a certificate is never lost.
		if r := recover(); r != nil {
			rec = errorRecord(in.Input, in.Label, in.DER, fmt.Errorf("%s: internal error: %v", in.Input, r))
		}
	}()
	v := xmpp.NewCert(c, opts)
	v.Chain = chain
	v.SelfSignedFunc = selfSigned
	describe(&rec, in.DER, c, v)
	if decodedHere(c) {
		rec.Notes = append(rec.Notes, decodeNotes(c)...)
	}
	rec.bufs = bufPool.Get().(*buffers)
	if cap(rec.bufs.results) >= len(ch.lints) {
		rec.Results = rec.bufs.results[:len(ch.lints)]
	} else {
		rec.Results = make(Results, len(ch.lints))
	}
	for i, info := range ch.lints {
		res := info.Run(v)
		rec.Results[i] = NamedResult{Name: info.Name, Result: Result{Status: res.Status, Details: res.Details}}
	}
	if ch.cfg.Zlint != nil {
		full := c
		if decodedHere(c) {
			// zlint's lints read every field: they need zcrypto's parse.
			var err error
			if full, err = parseZcrypto(in); err != nil {
				return errorRecord(in.Input, in.Label, in.DER, err)
			}
		}
		rec.Results = merge(rec.Results, ch.cfg.Zlint.Lint(full))
	} else {
		rec.enc = ch.enc
	}
	if ch.cfg.Federation && v.Role != xmpp.RoleCA {
		rec.Federation = interop.Evaluate(v)
	}
	return rec
}
