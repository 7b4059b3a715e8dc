// Package summary aggregates audit records into a summary that people can
// read (text, Markdown, a self-contained HTML report) and that shards can
// merge (JSON): counts per lint and status with example inputs, identity
// types, the EKU picture, federation verdicts of server certificates, and
// the issuers with the most findings.
package summary

import (
	"fmt"
	"sort"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/interop"
)

// FormatVersion is the version of the JSON summary format.
const FormatVersion = 1

// MaxExamples is how many example inputs a summary keeps per lint and
// status.
const MaxExamples = 3

// Summary is the aggregate of an audit. All its maps have string keys so
// that the JSON form is stable and mergeable.
type Summary struct {
	Format int `json:"format"`
	// Shards lists the shards merged into this summary ("I/N"), or is
	// empty for a whole audit.
	Shards []string `json:"shards,omitempty"`
	// Interrupted is set when the audit was stopped before the end of its
	// input: the counts cover the records written so far.
	Interrupted bool `json:"interrupted,omitempty"`

	Certificates int `json:"certificates"`
	// ParseErrors counts the records with an error (unreadable input or a
	// certificate zcrypto could not parse).
	ParseErrors int `json:"parse_errors"`
	// Kinds counts the records of pre-issuance inputs by kind
	// (precertificate, tbs, csr: PreIssuanceKinds); the other records are
	// certificates.
	Kinds map[string]int `json:"kinds,omitempty"`
	// Roles counts certificates by role: server, client, ca.
	Roles map[string]int `json:"roles"`
	// Lints maps lint name to status to count and examples.
	Lints map[string]map[string]*Count `json:"lints"`
	// Identities counts server certificates by identity type carried
	// (dns-id, srv-id, xmppaddr) and those with only a CN (cn-only) or no
	// identity at all (none).
	Identities map[string]int `json:"identities"`
	// EKU counts server certificates by EKU class: serverAuth-only, both,
	// clientAuth-only, none, any, other.
	EKU map[string]int `json:"eku"`
	// Federation maps model to direction to verdict to the number of
	// server certificates.
	Federation map[string]map[string]map[string]int `json:"federation"`
	// FederationS2SFail maps model to the number of server certificates
	// that model rejects (or crashes on) in at least one s2s direction.
	FederationS2SFail map[string]int `json:"federation_s2s_fail"`
	// Issuers maps issuer DN to its certificates and findings; self-issued
	// certificates are tallied under SelfIssued, and issuers beyond
	// MaxIssuers under OtherIssuers.
	Issuers map[string]*Issuer `json:"issuers"`

	// slots caches, by position in a record's results, the counts of the
	// lint last seen there: records of one checker list the same lints in
	// the same order, so adding one costs no map lookup per result.
	slots []slot
}

type slot struct {
	name   string
	counts [lint.Fatal + 1]*Count
}

// Count is a number with a few example inputs.
type Count struct {
	N        int      `json:"n"`
	Examples []string `json:"examples,omitempty"`
}

// Issuer tallies one issuer's certificates and findings.
type Issuer struct {
	Certificates int `json:"certificates"`
	// Findings counts error, warn and notice results; Errors and Warnings
	// the first two.
	Findings int `json:"findings"`
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
}

// New returns an empty summary.
func New() *Summary {
	return &Summary{
		Format:            FormatVersion,
		Roles:             map[string]int{},
		Lints:             map[string]map[string]*Count{},
		Identities:        map[string]int{},
		EKU:               map[string]int{},
		Federation:        map[string]map[string]map[string]int{},
		FederationS2SFail: map[string]int{},
		Issuers:           map[string]*Issuer{},
	}
}

func (c *Count) add(n int, examples ...string) {
	c.N += n
	for _, e := range examples {
		if len(c.Examples) >= MaxExamples {
			return
		}
		c.Examples = append(c.Examples, e)
	}
}

// Add folds one record into the summary.
func (s *Summary) Add(rec *check.Record) {
	s.Certificates++
	if rec.Kind != "" && rec.Kind != check.KindCertificate {
		if s.Kinds == nil {
			s.Kinds = map[string]int{}
		}
		s.Kinds[rec.Kind]++
	}
	if rec.Error != "" {
		s.ParseErrors++
		return
	}
	s.Roles[rec.Role]++
	var findings, errs, warns int
	for i := range rec.Results {
		res := &rec.Results[i]
		c := s.count(i, res.Name, res.Status)
		if res.Status >= lint.Notice {
			c.add(1, rec.Input)
		} else {
			c.add(1)
		}
		switch res.Status {
		case lint.Error, lint.Fatal:
			errs++
			findings++
		case lint.Warn:
			warns++
			findings++
		case lint.Notice:
			findings++
		}
	}
	iss := s.issuer(issuerKey(rec))
	iss.Certificates++
	iss.Findings += findings
	iss.Errors += errs
	iss.Warnings += warns
	if rec.Role != "server" {
		return
	}
	s.EKU[rec.EKU]++
	sans, cn := 0, false
	for _, id := range rec.Identities {
		switch id {
		case "dns-id", "srv-id", "xmppaddr":
			s.Identities[id]++
			sans++
		case "cn":
			cn = true
		}
	}
	switch {
	case sans == 0 && cn:
		s.Identities["cn-only"]++
	case len(rec.Identities) == 0:
		s.Identities["none"]++
	}
	for _, mv := range rec.Federation {
		model := mv.Model
		m := s.Federation[model]
		if m == nil {
			m = map[string]map[string]int{}
			s.Federation[model] = m
		}
		fail := false
		for _, dv := range mv.Directions {
			dir := string(dv.Direction)
			d := m[dir]
			if d == nil {
				d = map[string]int{}
				m[dir] = d
			}
			d[string(dv.Outcome)]++
			if dv.Direction != interop.C2S && dv.Outcome != interop.Accept {
				fail = true
			}
		}
		if fail {
			s.FederationS2SFail[model]++
		} else if _, ok := s.FederationS2SFail[model]; !ok {
			s.FederationS2SFail[model] = 0
		}
	}
}

// count returns the Count of a lint and status, the i-th result of a
// record.
func (s *Summary) count(i int, name string, st lint.LintStatus) *Count {
	inRange := st >= 0 && int(st) < len(slot{}.counts)
	if inRange && i < len(s.slots) && s.slots[i].name == name {
		if c := s.slots[i].counts[st]; c != nil {
			return c
		}
	}
	byStatus := s.Lints[name]
	if byStatus == nil {
		byStatus = map[string]*Count{}
		s.Lints[name] = byStatus
	}
	key := st.String()
	c := byStatus[key]
	if c == nil {
		c = &Count{}
		byStatus[key] = c
	}
	if inRange && i < 1024 {
		for len(s.slots) <= i {
			s.slots = append(s.slots, slot{})
		}
		if s.slots[i].name != name {
			s.slots[i] = slot{name: name}
		}
		s.slots[i].counts[st] = c
	}
	return c
}

// Merge adds other into s. Examples are kept in the order the summaries
// are merged, up to MaxExamples.
func (s *Summary) Merge(other *Summary) error {
	if other.Format != FormatVersion {
		return fmt.Errorf("summary format %d, want %d", other.Format, FormatVersion)
	}
	s.Shards = append(s.Shards, other.Shards...)
	s.Interrupted = s.Interrupted || other.Interrupted
	s.Certificates += other.Certificates
	s.ParseErrors += other.ParseErrors
	if len(other.Kinds) > 0 && s.Kinds == nil {
		s.Kinds = map[string]int{}
	}
	addMap(s.Kinds, other.Kinds)
	addMap(s.Roles, other.Roles)
	addMap(s.Identities, other.Identities)
	addMap(s.EKU, other.EKU)
	addMap(s.FederationS2SFail, other.FederationS2SFail)
	for name, byStatus := range other.Lints {
		mine := s.Lints[name]
		if mine == nil {
			mine = map[string]*Count{}
			s.Lints[name] = mine
		}
		for st, c := range byStatus {
			if mine[st] == nil {
				mine[st] = &Count{}
			}
			mine[st].add(c.N, c.Examples...)
		}
	}
	for model, dirs := range other.Federation {
		if s.Federation[model] == nil {
			s.Federation[model] = map[string]map[string]int{}
		}
		for dir, verdicts := range dirs {
			if s.Federation[model][dir] == nil {
				s.Federation[model][dir] = map[string]int{}
			}
			addMap(s.Federation[model][dir], verdicts)
		}
	}
	names := make([]string, 0, len(other.Issuers))
	for name := range other.Issuers {
		names = append(names, name)
	}
	sort.Strings(names) // which issuers fit under MaxIssuers must not depend on map order
	for _, name := range names {
		iss := other.Issuers[name]
		mine := s.issuer(name)
		mine.Certificates += iss.Certificates
		mine.Findings += iss.Findings
		mine.Errors += iss.Errors
		mine.Warnings += iss.Warnings
	}
	return nil
}

// MaxIssuers bounds the issuers a summary tallies one by one, so that
// memory stays flat on any corpus: issuers met once the table is full are
// tallied together under OtherIssuers.
const MaxIssuers = 10000

// Keys of the issuers table that are not issuer names.
const (
	// SelfIssued tallies the certificates whose issuer is their subject
	// (self-signed server certificates each have their own "issuer").
	SelfIssued = "(self-issued certificates)"
	// OtherIssuers tallies the issuers beyond MaxIssuers.
	OtherIssuers = "(other issuers)"
)

func issuerKey(rec *check.Record) string {
	if rec.Issuer == rec.Subject {
		return SelfIssued
	}
	return rec.Issuer
}

// issuer returns the tally of an issuer, creating it while the table has
// room and falling back to OtherIssuers when it is full.
func (s *Summary) issuer(name string) *Issuer {
	if iss := s.Issuers[name]; iss != nil {
		return iss
	}
	if len(s.Issuers) >= MaxIssuers && name != SelfIssued {
		name = OtherIssuers
		if iss := s.Issuers[name]; iss != nil {
			return iss
		}
	}
	iss := &Issuer{}
	s.Issuers[name] = iss
	return iss
}

// PreIssuanceKinds are the kinds Kinds counts, in the order summaries
// show them.
var PreIssuanceKinds = []string{check.KindPrecertificate, check.KindTBS, check.KindCSR}

func addMap(dst, src map[string]int) {
	for k, v := range src {
		dst[k] += v
	}
}

// Servers is the number of server certificates.
func (s *Summary) Servers() int { return s.Roles["server"] }

// TopIssuers returns up to n issuers, most findings first (then most
// errors, then name).
func (s *Summary) TopIssuers(n int) []NamedIssuer {
	out := make([]NamedIssuer, 0, len(s.Issuers))
	for name, iss := range s.Issuers {
		if iss.Findings > 0 {
			out = append(out, NamedIssuer{name, *iss})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Findings != b.Findings {
			return a.Findings > b.Findings
		}
		if a.Errors != b.Errors {
			return a.Errors > b.Errors
		}
		return a.Name < b.Name
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// NamedIssuer is an issuer with its name.
type NamedIssuer struct {
	Name string
	Issuer
}

// LintRow is one lint's counts, for reports.
type LintRow struct {
	Name                                           string
	Errors, Warnings, Notices, Pass, NA, NE, Fatal int
	Examples                                       []string
}

// Findings is the number of error, warn, notice and fatal results.
func (r LintRow) Findings() int { return r.Errors + r.Warnings + r.Notices + r.Fatal }

// LintRows returns a row per lint, most findings first, then by name.
func (s *Summary) LintRows() []LintRow {
	var rows []LintRow
	for name, byStatus := range s.Lints {
		r := LintRow{Name: name}
		get := func(st lint.LintStatus) int {
			if c := byStatus[st.String()]; c != nil {
				r.Examples = append(r.Examples, c.Examples...)
				return c.N
			}
			return 0
		}
		r.Fatal = get(lint.Fatal)
		r.Errors = get(lint.Error)
		r.Warnings = get(lint.Warn)
		r.Notices = get(lint.Notice)
		r.Pass = get(lint.Pass)
		r.NA = get(lint.NA)
		r.NE = get(lint.NE)
		if len(r.Examples) > MaxExamples {
			r.Examples = r.Examples[:MaxExamples]
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].Findings() != rows[j].Findings() {
			return rows[i].Findings() > rows[j].Findings()
		}
		return rows[i].Name < rows[j].Name
	})
	return rows
}
