package summary

import (
	"fmt"
	"html/template"
	"io"
	"strings"
)

// HTML writes the summary as one self-contained HTML file: inline CSS and
// SVG bar charts, no script, no external resource, so it opens offline.
// Every number carries a data-k attribute naming the summary field it
// shows, which the browser test compares with the JSON summary.
func HTML(w io.Writer, s *Summary, l Layout) error {
	servers := s.Servers()
	type bar struct {
		Label, Key string
		N          int
		Share      string
		Width      float64
		Color      string
	}
	bars := func(keys []string, counts map[string]int, prefix string, total int, color string) []bar {
		max := 1
		for _, k := range keys {
			if counts[k] > max {
				max = counts[k]
			}
		}
		out := make([]bar, 0, len(keys))
		for _, k := range keys {
			n := counts[k]
			out = append(out, bar{Label: k, Key: prefix + "/" + k, N: n, Share: Percent(n, total), Width: 400 * float64(n) / float64(max), Color: color})
		}
		return out
	}
	type fedRow struct {
		Model string
		Fail  bar
		Cells []struct {
			Dir, Key              string
			Accept, Reject, Crash int
		}
	}
	var fed []fedRow
	maxFail := 1
	for _, m := range l.models(s) {
		if s.FederationS2SFail[m] > maxFail {
			maxFail = s.FederationS2SFail[m]
		}
	}
	for _, m := range l.models(s) {
		n := s.FederationS2SFail[m]
		row := fedRow{Model: m, Fail: bar{Label: m, Key: "federation_s2s_fail/" + m, N: n, Share: Percent(n, servers), Width: 400 * float64(n) / float64(maxFail), Color: "#c0392b"}}
		for _, d := range l.Directions {
			v := s.Federation[m][d]
			row.Cells = append(row.Cells, struct {
				Dir, Key              string
				Accept, Reject, Crash int
			}{d, "federation/" + m + "/" + d, v["accept"], v["reject"], v["crash"]})
		}
		fed = append(fed, row)
	}
	var lintBars []bar
	rows := s.LintRows()
	maxF := 1
	for _, r := range rows {
		if r.Findings() > maxF {
			maxF = r.Findings()
		}
	}
	type lintRow struct {
		LintRow
		Bar  bar
		Exam string
	}
	var lrows []lintRow
	for _, r := range rows {
		if r.Findings() == 0 {
			continue
		}
		color := "#2980b9"
		switch {
		case r.Errors+r.Fatal > 0:
			color = "#c0392b"
		case r.Warnings > 0:
			color = "#d68910"
		}
		b := bar{Label: r.Name, Key: "lints/" + r.Name, N: r.Findings(), Width: 400 * float64(r.Findings()) / float64(maxF), Color: color}
		lintBars = append(lintBars, b)
		lrows = append(lrows, lintRow{r, b, strings.Join(r.Examples, ", ")})
	}
	data := map[string]interface{}{
		"S":          s,
		"Servers":    servers,
		"Shards":     strings.Join(s.Shards, ", "),
		"Roles":      bars([]string{"server", "client", "ca"}, s.Roles, "roles", s.Certificates, "#7f8c8d"),
		"EKU":        bars(EKUClasses, s.EKU, "eku", servers, "#16a085"),
		"Identities": bars(IdentityClasses, s.Identities, "identities", servers, "#8e44ad"),
		"Fed":        fed,
		"Dirs":       l.Directions,
		"LintBars":   lintBars,
		"LintRows":   lrows,
		"Issuers":    s.TopIssuers(l.topIssuers()),
	}
	return reportTemplate.Execute(w, data)
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"add":  func(a, b int) int { return a + b },
	"px":   func(f float64) string { return fmt.Sprintf("%.1f", f) },
	"rowy": func(i int) int { return 6 + 26*i },
	"svgh": func(n int) int { return 12 + 26*n },
	"empty": func(s string) string {
		if s == "" {
			return "(empty issuer)"
		}
		return s
	},
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>xmpplint audit summary</title>
<style>
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#1c2833;background:#fff}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.2em;margin-top:1.8em;border-bottom:1px solid #d5d8dc;padding-bottom:.2em}
table{border-collapse:collapse;margin:.6em 0}td,th{padding:.25em .7em;border-bottom:1px solid #eaecee;text-align:left}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.note{color:#566573}.warn{color:#b03a2e;font-weight:bold}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #d5d8dc;border-radius:6px;padding:.6em 1em;min-width:9em}
.card .big{font-size:1.8em;font-weight:600}
svg text{font:13px system-ui,sans-serif;fill:#1c2833}
code{font-size:.92em}
</style></head><body>
<h1>xmpplint audit summary</h1>
{{if .Shards}}<p class="note">Merged from shards {{.Shards}}.</p>{{end}}
{{if .S.Interrupted}}<p class="warn">Interrupted: the counts cover the records written before the stop.</p>{{end}}
<div class="cards">
<div class="card"><div class="big" data-k="certificates">{{.S.Certificates}}</div>certificates</div>
<div class="card"><div class="big" data-k="parse_errors">{{.S.ParseErrors}}</div>parse errors</div>
{{range .Roles}}<div class="card"><div class="big" data-k="{{.Key}}">{{.N}}</div>{{.Label}} certificates</div>{{end}}
</div>

<h2>Federation: server certificates that fail s2s</h2>
<p class="note">Share of server certificates each verifier rejects or crashes on in at least one s2s direction. Verdicts assume the chain ends at a root the verifier trusts.</p>
{{if .Fed}}<svg role="img" aria-label="server certificates failing s2s per verifier" width="760" height="{{svgh (len .Fed)}}">
{{range $i, $r := .Fed}}<text x="0" y="{{add (rowy $i) 15}}">{{$r.Model}}</text>
<rect x="150" y="{{rowy $i}}" width="{{px $r.Fail.Width}}" height="20" fill="{{$r.Fail.Color}}"></rect>
<text x="560" y="{{add (rowy $i) 15}}"><tspan data-k="{{$r.Fail.Key}}">{{$r.Fail.N}}</tspan> ({{$r.Fail.Share}})</text>
{{end}}</svg>
<table><tr><th>verifier</th>{{range .Dirs}}<th class="n">{{.}} accept / reject / crash</th>{{end}}</tr>
{{range .Fed}}<tr><td>{{.Model}}</td>{{range .Cells}}<td class="n"><span data-k="{{.Key}}/accept">{{.Accept}}</span> / <span data-k="{{.Key}}/reject">{{.Reject}}</span> / <span data-k="{{.Key}}/crash">{{.Crash}}</span></td>{{end}}</tr>
{{end}}</table>
{{else}}<p>No server certificates with federation verdicts.</p>{{end}}

<h2>Server certificates by EKU</h2>
<svg role="img" aria-label="server certificates by EKU" width="760" height="{{svgh (len .EKU)}}">
{{range $i, $b := .EKU}}<text x="0" y="{{add (rowy $i) 15}}">{{$b.Label}}</text>
<rect x="150" y="{{rowy $i}}" width="{{px $b.Width}}" height="20" fill="{{$b.Color}}"></rect>
<text x="560" y="{{add (rowy $i) 15}}"><tspan data-k="{{$b.Key}}">{{$b.N}}</tspan> ({{$b.Share}})</text>
{{end}}</svg>

<h2>Server certificates by identity type</h2>
<svg role="img" aria-label="server certificates by identity type" width="760" height="{{svgh (len .Identities)}}">
{{range $i, $b := .Identities}}<text x="0" y="{{add (rowy $i) 15}}">{{$b.Label}}</text>
<rect x="150" y="{{rowy $i}}" width="{{px $b.Width}}" height="20" fill="{{$b.Color}}"></rect>
<text x="560" y="{{add (rowy $i) 15}}"><tspan data-k="{{$b.Key}}">{{$b.N}}</tspan> ({{$b.Share}})</text>
{{end}}</svg>

<h2>Findings per lint</h2>
{{if .LintBars}}<svg role="img" aria-label="findings per lint" width="1060" height="{{svgh (len .LintBars)}}">
{{range $i, $b := .LintBars}}<text x="0" y="{{add (rowy $i) 15}}">{{$b.Label}}</text>
<rect x="400" y="{{rowy $i}}" width="{{px $b.Width}}" height="20" fill="{{$b.Color}}"></rect>
<text x="820" y="{{add (rowy $i) 15}}">{{$b.N}}</text>
{{end}}</svg>
<table><tr><th>lint</th><th class="n">error</th><th class="n">warn</th><th class="n">notice</th><th class="n">pass</th><th class="n">NA</th><th>examples</th></tr>
{{range .LintRows}}<tr><td><code>{{.Name}}</code></td><td class="n" data-k="lints/{{.Name}}/error">{{add .Errors .Fatal}}</td><td class="n" data-k="lints/{{.Name}}/warn">{{.Warnings}}</td><td class="n" data-k="lints/{{.Name}}/info">{{.Notices}}</td><td class="n" data-k="lints/{{.Name}}/pass">{{.Pass}}</td><td class="n" data-k="lints/{{.Name}}/NA">{{.NA}}</td><td>{{.Exam}}</td></tr>
{{end}}</table>
{{else}}<p>No findings.</p>{{end}}

{{if .Issuers}}<h2>Issuers with the most findings</h2>
<table><tr><th>issuer</th><th class="n">certificates</th><th class="n">findings</th><th class="n">errors</th></tr>
{{range .Issuers}}<tr><td>{{empty .Name}}</td><td class="n">{{.Certificates}}</td><td class="n">{{.Findings}}</td><td class="n">{{.Errors}}</td></tr>
{{end}}</table>{{end}}
<p class="note">Generated by xmpplint audit. Lint reference: docs/lints.md in the xmpplint repository.</p>
</body></html>
`))
