// Package corpus holds xmpplint's deterministic test certificates: cases as
// data (a base template and one change each), the generator that renders
// them to PEM files with a decoded header, and the files themselves,
// embedded so that tests and tools never depend on the working directory.
//
// Regenerate with `go generate ./corpus`; a test rebuilds every case and
// compares it byte for byte with the committed file.
package corpus

//go:generate go run ./gen

import (
	"embed"
	"encoding/pem"
	"fmt"
	"io/fs"
	"path"
	"sort"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

//go:embed certs
var certFS embed.FS

//go:embed external
var externalFS embed.FS

// External returns the real certificates of corpus/external (one PEM file
// each, in folders named after their source) with README.md and
// provenance.tsv giving where each came from.
func External() fs.FS {
	sub, err := fs.Sub(externalFS, "external")
	if err != nil {
		panic(err) // the directory is embedded at compile time
	}
	return sub
}

// Dir is where the generated files live, relative to this package.
const Dir = "certs"

// RootName is the file name of the corpus root certificate.
const RootName = "root.pem"

// Cases returns every corpus case, sorted by name.
func Cases() []Case {
	var all []Case
	for _, group := range [][]Case{
		baseCases, ekuCases, profileCases, srvidCases, xmppaddrCases,
		dnsidCases, cnidCases, consistencyCases, webpkiCases, chainCases, identityCases,
	} {
		all = append(all, group...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Name < all[j].Name })
	return all
}

// FS returns the embedded generated files.
func FS() fs.FS {
	sub, err := fs.Sub(certFS, Dir)
	if err != nil {
		panic(err) // the directory is embedded at compile time
	}
	return sub
}

// File returns the committed PEM file of a case.
func File(name string) ([]byte, error) {
	return fs.ReadFile(FS(), name+".pem")
}

// Load returns the committed certificates of a case as DER: leaf first.
func Load(name string) ([][]byte, error) {
	data, err := File(name)
	if err != nil {
		return nil, err
	}
	return pemBlocks(data, name)
}

// Root returns the committed corpus root certificate.
func Root() ([]byte, error) {
	data, err := fs.ReadFile(FS(), RootName)
	if err != nil {
		return nil, err
	}
	ders, err := pemBlocks(data, RootName)
	if err != nil {
		return nil, err
	}
	return ders[0], nil
}

func pemBlocks(data []byte, name string) ([][]byte, error) {
	var out [][]byte
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type == "CERTIFICATE" {
			out = append(out, b.Bytes)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no certificate", path.Join(Dir, name))
	}
	return out, nil
}

// Options returns the lint options a case runs under.
func (c Case) Options() (xmpp.Options, error) {
	o := xmpp.Options{
		Role:       xmpp.Role(c.Role),
		Scope:      xmpp.Scope(c.Scope),
		Domains:    c.Domains,
		Service:    c.Service,
		SRVTargets: c.SRVTargets,
	}
	return o.Normalize()
}

// Status is a lint status (zlint's lint.LintStatus).
type Status = lint.LintStatus

// Expected statuses, short names for case tables.
const (
	NA     = lint.NA
	NE     = lint.NE
	Pass   = lint.Pass
	Notice = lint.Notice
	Warn   = lint.Warn
	Error  = lint.Error
)
