package check

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Cert is one certificate read from an input: its DER, or the reason it
// could not be read. The DER may also be a TBSCertificate or a PKCS#10
// certificate request, linted as the certificate it would become.
type Cert struct {
	Input string
	Label string
	// Kind is what the DER holds: KindCertificate (a precertificate too),
	// KindTBS or KindCSR; "" detects it from the DER (DetectKind). A
	// kind given that the DER does not hold is an error record.
	Kind string
	DER  []byte
	Err  error
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
	leafIn, leaf, leafPre, leafErr := ch.parseAny(g.Leaf)
	var chain []*x509.Certificate
	var chainInputs []string
	chainRecs := make([]Record, 0, len(g.Chain))
	for _, cc := range g.Chain {
		in, c, p, err := ch.parseAny(cc)
		if err != nil {
			chainRecs = append(chainRecs, kindErrorRecord(cc, p, err))
			continue
		}
		chain = append(chain, c)
		chainInputs = append(chainInputs, cc.Input)
		rec := ch.lintOne(in, c, nil, ch.chainOpts)
		p.finish(&rec)
		if leafErr == nil {
			rec.ChainOf = g.Leaf.Input
		}
		chainRecs = append(chainRecs, rec)
	}
	if leafErr != nil {
		recs = append(recs, kindErrorRecord(g.Leaf, leafPre, leafErr))
	} else {
		rec := ch.lintOne(leafIn, leaf, chain, ch.opts)
		leafPre.finish(&rec)
		rec.Chain = chainInputs
		if rec.Role == string(xmpp.RoleCA) && ch.opts.Role == xmpp.RoleAuto && len(leaf.DNSNames) > 0 {
			rec.Notes = append(rec.Notes, "taken as a CA certificate (basicConstraints cA=TRUE, no SRV-ID or XmppAddr), so server lints and federation verdicts do not apply; if it is a server's certificate, as `openssl req -x509` makes them by default, lint it with --role server")
		}
		recs = append(recs, rec)
	}
	return append(recs, chainRecs...)
}

// CheckOne runs the checker on one certificate without a chain.
func (ch *Checker) CheckOne(c Cert) Record {
	return ch.Check(Group{Leaf: c})[0]
}

// parseAny makes a TBS or CSR into certificate DER (prepare), parses it,
// and verifies a CSR's self-signature. It returns the Cert as prepared
// (its Kind set) and what finishing the record needs.
func (ch *Checker) parseAny(c Cert) (Cert, *x509.Certificate, *pre, error) {
	in, p, err := ch.prepare(c)
	if err != nil {
		return c, nil, p, err
	}
	cert, err := parseGuarded(in)
	if err != nil {
		if p != nil {
			// The parse error names the wrapped DER as a certificate:
			// say what the input was.
			err = fmt.Errorf("%s: not a parseable %s: %v", c.Input, kindWords(p.kind), errors.Unwrap(err))
		}
		return c, nil, p, err
	}
	if err := p.verifyCSR(c.Input, cert); err != nil {
		return c, nil, p, err
	}
	if p != nil && p.kind == KindTBS {
		// The dummy signature cannot tell whether the TBS will be
		// self-signed; one whose issuer is its subject is taken to be,
		// as a CA signs such a TBS with the key it certifies.
		cert.SelfSigned = bytes.Equal(cert.RawIssuer, cert.RawSubject)
	}
	return in, cert, p, nil
}

// parseGuarded is parse, with a panic in the parser turned into the
// input's error: zcrypto checks a self-issued certificate's signature while
// parsing, and crypto/ed25519 panics on an Ed25519 key of the wrong length,
// which zcrypto accepts.
func parseGuarded(c Cert) (cert *x509.Certificate, err error) {
	defer func() {
		if r := recover(); r != nil {
			cert, err = nil, &ParseError{Input: c.Input, Err: fmt.Errorf("the parser failed on it: %v", r)}
		}
	}()
	return parse(c)
}

// kindErrorRecord is errorRecord with the kind, when it is known.
func kindErrorRecord(c Cert, p *pre, err error) Record {
	rec := errorRecord(c.Input, c.Label, c.DER, err)
	if p != nil {
		rec.Kind = p.kind
	}
	return rec
}

func parse(c Cert) (*x509.Certificate, error) {
	if c.Err != nil {
		return nil, c.Err
	}
	cert, err := x509.ParseCertificate(c.DER)
	if err != nil {
		return nil, &ParseError{Input: c.Input, Err: err}
	}
	return cert, nil
}

// zlintRequestNote says why zlint's own lints are missing from a
// request's record.
const zlintRequestNote = "zlint's own lints do not run on a certificate request: most judge what the CA adds (AIA, key identifiers, policies, validity), which a request cannot carry"

// lintOne lints one parsed certificate under opts; chain is non-nil for a
// leaf presented with CA certificates.
func (ch *Checker) lintOne(in Cert, c *x509.Certificate, chain []*x509.Certificate, opts xmpp.Options) (rec Record) {
	rec = Record{Input: in.Input, Label: in.Label, Kind: KindCertificate}
	if c.IsPrecert {
		rec.Kind = KindPrecertificate
	}
	defer func() {
		// Lints recover their own panics (xmpp.Info.Run); this guards the
		// rest of the engine so that a certificate is never lost.
		if r := recover(); r != nil {
			rec = errorRecord(in.Input, in.Label, in.DER, fmt.Errorf("%s: internal error: %v", in.Input, r))
		}
	}()
	v := xmpp.NewCert(c, opts)
	v.Chain = chain
	v.Request = in.Kind == KindCSR
	describe(&rec, in.DER, c, v)
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
	switch {
	case ch.cfg.Zlint == nil:
		rec.enc = ch.enc
	case v.Request:
		rec.Notes = append(rec.Notes, zlintRequestNote)
		rec.enc = ch.enc
	default:
		rec.Results = merge(rec.Results, ch.cfg.Zlint.Lint(c))
	}
	if ch.cfg.Federation && v.Role != xmpp.RoleCA {
		rec.Federation = interop.Evaluate(v)
	}
	return rec
}
