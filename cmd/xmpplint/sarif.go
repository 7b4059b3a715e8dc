package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/internal/jsonw"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// SARIF 2.1.0 (OASIS), the subset code-scanning tools read: one run, the
// tool's rules from the lint metadata, one result per finding, located at
// the input file with the certificate's "path#index" as logical location.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifRule struct {
	ID               string            `json:"id"`
	ShortDescription sarifText         `json:"shortDescription"`
	FullDescription  sarifText         `json:"fullDescription"`
	HelpURI          string            `json:"helpUri,omitempty"`
	Default          sarifRuleConfig   `json:"defaultConfiguration"`
	Properties       map[string]string `json:"properties,omitempty"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	Physical sarifPhysical  `json:"physicalLocation"`
	Logical  []sarifLogical `json:"logicalLocations"`
}

type sarifPhysical struct {
	Artifact sarifArtifact `json:"artifactLocation"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifLogical struct {
	Name string `json:"fullyQualifiedName"`
	Kind string `json:"kind"`
}

const unreadableRule = "xmpplint_unreadable_certificate"

// untrustedRule is the result of a live server whose chain does not verify
// (xmpplint check); its rule is added when the first one is written.
const untrustedRule = "xmpplint_untrusted_chain"

const referenceURL = "https://github.com/xmpplint/xmpplint/blob/main/docs/lints.md"

// sarifWriter buffers the results and writes the log on Close.
type sarifWriter struct {
	w       io.Writer
	rules   []sarifRule
	index   map[string]int
	results []sarifResult
}

func newSARIFWriter(w io.Writer, selected []*xmpp.Info) *sarifWriter {
	s := &sarifWriter{w: w, index: map[string]int{}}
	for _, info := range selected {
		s.addRule(info.Name, info.Description, info.Citation, string(info.Source), referenceURL+"#"+info.Name)
	}
	s.addRule(unreadableRule, "The input could not be read or parsed as an X.509 certificate.", "", "xmpplint", "")
	return s
}

func (s *sarifWriter) addRule(id, desc, citation, source, help string) int {
	if i, ok := s.index[id]; ok {
		return i
	}
	short := desc
	if i := strings.Index(desc, ". "); i > 0 {
		short = desc[:i+1]
	}
	props := map[string]string{"source": source}
	if citation != "" {
		props["citation"] = citation
	}
	s.rules = append(s.rules, sarifRule{
		ID: id, ShortDescription: sarifText{short}, FullDescription: sarifText{desc}, HelpURI: help,
		Default: sarifRuleConfig{sarifLevel(id)}, Properties: props,
	})
	s.index[id] = len(s.rules) - 1
	return len(s.rules) - 1
}

// sarifLevel maps a lint's prefix (or a status) to a SARIF level.
func sarifLevel(id string) string {
	switch {
	case strings.HasPrefix(id, "w_"):
		return "warning"
	case strings.HasPrefix(id, "n_"):
		return "note"
	}
	return "error"
}

func statusLevel(st lint.LintStatus) string {
	switch st {
	case lint.Notice:
		return "note"
	case lint.Warn:
		return "warning"
	}
	return "error"
}

// artifactURI is the SARIF artifactLocation.uri of an input: a URI
// reference (RFC 3986), relative where the input was (each path segment
// percent-encoded, ':' too, so that a first segment never reads as a
// scheme), a file URI for an absolute path. A file name holding spaces,
// '#', '%', '<svg onload=...>' or bytes that are not UTF-8 stays one valid
// reference that decodes back to the name.
func artifactURI(input string) string {
	p := inputPath(input)
	abs := filepath.IsAbs(filepath.FromSlash(p))
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		seg = url.PathEscape(seg)
		if !abs {
			seg = strings.ReplaceAll(seg, ":", "%3A")
		}
		segs[i] = seg
	}
	u := strings.Join(segs, "/")
	if abs {
		if !strings.HasPrefix(u, "/") {
			u = "/" + u // a Windows drive letter: file:///C:/...
		}
		u = "file://" + u
	}
	return u
}

func inputPath(input string) string {
	if i := strings.LastIndexByte(input, '#'); i >= 0 {
		input = input[:i]
	}
	return filepath.ToSlash(input)
}

func (s *sarifWriter) location(rec *check.Record) []sarifLocation {
	return []sarifLocation{{
		Physical: sarifPhysical{Artifact: sarifArtifact{URI: artifactURI(rec.Input)}},
		Logical:  []sarifLogical{{Name: rec.Input, Kind: "object"}},
	}}
}

func (s *sarifWriter) Write(rec *check.Record) error {
	if rec.Error != "" {
		s.results = append(s.results, sarifResult{RuleID: unreadableRule, RuleIndex: s.index[unreadableRule],
			Level: "error", Message: sarifText{rec.Error}, Locations: s.location(rec)})
		return nil
	}
	if tr := rec.Trust; tr != nil && !tr.Verified {
		idx := s.addRule(untrustedRule, "The chain a live server presents does not verify to a trusted root.", "RFC 6120 13.7.2", "xmpplint", "")
		s.results = append(s.results, sarifResult{RuleID: untrustedRule, RuleIndex: idx, Level: "error",
			Message: sarifText{rec.Input + ": " + tr.Error + " (roots: " + tr.Roots + ")"}, Locations: s.location(rec)})
	}
	for _, name := range rec.Findings(lint.Notice) {
		res, _ := rec.Results.Get(name)
		idx, ok := s.index[name]
		if !ok {
			// A zlint lint (--with-zlint): its metadata comes from zlint.
			desc, cite, src := name, "", "zlint"
			if l := lint.GlobalRegistry().CertificateLints().ByName(name); l != nil {
				desc, cite, src = l.Description, l.Citation, string(l.Source)
			}
			idx = s.addRule(name, desc, cite, src, "")
		}
		msg := res.Details
		if msg == "" {
			msg = name
		}
		s.results = append(s.results, sarifResult{RuleID: name, RuleIndex: idx, Level: statusLevel(res.Status),
			Message: sarifText{rec.Input + ": " + msg}, Locations: s.location(rec)})
	}
	return nil
}

func (s *sarifWriter) Close() error {
	if s.results == nil {
		s.results = []sarifResult{}
	}
	log := sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool:    sarifTool{Driver: sarifDriver{Name: "xmpplint", Version: buildVersion(), InformationURI: "https://github.com/xmpplint/xmpplint", Rules: s.rules}},
			Results: s.results,
		}},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	// C1 controls and bidi marks from input as \u009b, \u202e, as in the
	// records: a user who cats the file sees them, the terminal does not.
	_, err := s.w.Write(jsonw.Escape(buf.Bytes()))
	return err
}
