package summary

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Layout orders what the reports show: verifier models and directions in
// the order of the federation model table.
type Layout struct {
	Models     []string
	Directions []string
	// TopIssuers is how many issuers to list (default 10).
	TopIssuers int
}

func (l Layout) models(s *Summary) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range l.Models {
		if _, ok := s.Federation[m]; ok {
			out = append(out, m)
			seen[m] = true
		}
	}
	var rest []string
	for m := range s.Federation {
		if !seen[m] {
			rest = append(rest, m)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}

func (l Layout) topIssuers() int {
	if l.TopIssuers > 0 {
		return l.TopIssuers
	}
	return 10
}

// EKUClasses and IdentityClasses are the report rows, in order.
var (
	EKUClasses      = []string{"serverAuth-only", "both", "clientAuth-only", "none", "any", "other"}
	IdentityClasses = []string{"dns-id", "srv-id", "xmppaddr", "cn-only", "none"}
	Verdicts        = []string{"accept", "reject", "crash"}
)

// Percent formats n/total as a percentage with one decimal.
func Percent(n, total int) string {
	if total == 0 {
		return "0.0%"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(n)/float64(total))
}

// Text writes the summary for a terminal.
func Text(w io.Writer, s *Summary, l Layout) error {
	var b strings.Builder
	title := "xmpplint audit summary"
	if len(s.Shards) > 0 {
		title += " (merged shards " + strings.Join(s.Shards, ", ") + ")"
	}
	if s.Interrupted {
		title += " (INTERRUPTED: partial)"
	}
	fmt.Fprintf(&b, "%s\n\n", title)
	fmt.Fprintf(&b, "certificates  %d\n", s.Certificates)
	for _, k := range PreIssuanceKinds {
		if n := s.Kinds[k]; n > 0 {
			fmt.Fprintf(&b, "  of which %s %d\n", k, n)
		}
	}
	fmt.Fprintf(&b, "parse errors  %d\n", s.ParseErrors)
	for _, r := range []string{"server", "client", "ca"} {
		fmt.Fprintf(&b, "%-13s %d\n", r, s.Roles[r])
	}
	servers := s.Servers()
	fmt.Fprintf(&b, "\nserver certificates by EKU\n")
	for _, c := range EKUClasses {
		fmt.Fprintf(&b, "  %-16s %8d  %6s\n", c, s.EKU[c], Percent(s.EKU[c], servers))
	}
	fmt.Fprintf(&b, "\nserver certificates by identity type\n")
	for _, c := range IdentityClasses {
		fmt.Fprintf(&b, "  %-16s %8d  %6s\n", c, s.Identities[c], Percent(s.Identities[c], servers))
	}
	if len(s.Federation) > 0 {
		fmt.Fprintf(&b, "\nserver certificates that fail s2s (reject or crash in either direction), per verifier\n")
		for _, m := range l.models(s) {
			n := s.FederationS2SFail[m]
			fmt.Fprintf(&b, "  %-16s %8d  %6s\n", m, n, Percent(n, servers))
		}
		fmt.Fprintf(&b, "\nfederation verdicts on server certificates (accept/reject/crash)\n")
		fmt.Fprintf(&b, "  %-16s", "")
		for _, d := range l.Directions {
			fmt.Fprintf(&b, " %-24s", d)
		}
		b.WriteString("\n")
		for _, m := range l.models(s) {
			fmt.Fprintf(&b, "  %-16s", m)
			for _, d := range l.Directions {
				v := s.Federation[m][d]
				fmt.Fprintf(&b, " %-24s", fmt.Sprintf("%d/%d/%d", v["accept"], v["reject"], v["crash"]))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "\nfindings per lint (error/warn/notice; pass; NA)\n")
	for _, r := range s.LintRows() {
		if r.Findings() == 0 {
			continue
		}
		fmt.Fprintf(&b, "  %-46s %7d %7d %7d; %7d; %7d", r.Name, r.Errors+r.Fatal, r.Warnings, r.Notices, r.Pass, r.NA)
		if len(r.Examples) > 0 {
			fmt.Fprintf(&b, "  e.g. %s", strings.Join(r.Examples, ", "))
		}
		b.WriteString("\n")
	}
	quiet := 0
	for _, r := range s.LintRows() {
		if r.Findings() == 0 {
			quiet++
		}
	}
	fmt.Fprintf(&b, "  (%d lints found nothing)\n", quiet)
	if top := s.TopIssuers(l.topIssuers()); len(top) > 0 {
		fmt.Fprintf(&b, "\nissuers with the most findings\n")
		for _, iss := range top {
			fmt.Fprintf(&b, "  %7d findings (%d errors) in %d certificates  %s\n", iss.Findings, iss.Errors, iss.Certificates, orEmpty(iss.Name))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orEmpty(s string) string {
	if s == "" {
		return "(empty issuer)"
	}
	return s
}

// Markdown writes the summary as a Markdown document.
func Markdown(w io.Writer, s *Summary, l Layout) error {
	var b strings.Builder
	b.WriteString("# xmpplint audit summary\n\n")
	if len(s.Shards) > 0 {
		fmt.Fprintf(&b, "Merged from shards %s.\n\n", strings.Join(s.Shards, ", "))
	}
	if s.Interrupted {
		b.WriteString("**Interrupted: the counts cover the records written before the stop.**\n\n")
	}
	servers := s.Servers()
	fmt.Fprintf(&b, "| | count |\n|---|---:|\n| certificates | %d |\n", s.Certificates)
	for _, k := range PreIssuanceKinds {
		if n := s.Kinds[k]; n > 0 {
			fmt.Fprintf(&b, "| of which %s | %d |\n", k, n)
		}
	}
	fmt.Fprintf(&b, "| parse errors | %d |\n", s.ParseErrors)
	for _, r := range []string{"server", "client", "ca"} {
		fmt.Fprintf(&b, "| %s certificates | %d |\n", r, s.Roles[r])
	}
	b.WriteString("\n## Server certificates by EKU\n\n| EKU | certificates | share |\n|---|---:|---:|\n")
	for _, c := range EKUClasses {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", c, s.EKU[c], Percent(s.EKU[c], servers))
	}
	b.WriteString("\n## Server certificates by identity type\n\n| identity | certificates | share |\n|---|---:|---:|\n")
	for _, c := range IdentityClasses {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", c, s.Identities[c], Percent(s.Identities[c], servers))
	}
	if len(s.Federation) > 0 {
		b.WriteString("\n## Federation\n\nServer certificates each verifier rejects or crashes on in at least one s2s direction (verdicts assume a trusted root):\n\n| verifier | fail s2s | share |")
		for _, d := range l.Directions {
			fmt.Fprintf(&b, " %s accept/reject/crash |", d)
		}
		b.WriteString("\n|---|---:|---:|")
		for range l.Directions {
			b.WriteString("---|")
		}
		b.WriteString("\n")
		for _, m := range l.models(s) {
			fmt.Fprintf(&b, "| %s | %d | %s |", m, s.FederationS2SFail[m], Percent(s.FederationS2SFail[m], servers))
			for _, d := range l.Directions {
				v := s.Federation[m][d]
				fmt.Fprintf(&b, " %d / %d / %d |", v["accept"], v["reject"], v["crash"])
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\n## Findings per lint\n\n| lint | error | warn | notice | pass | NA | examples |\n|---|---:|---:|---:|---:|---:|---|\n")
	for _, r := range s.LintRows() {
		if r.Findings() == 0 {
			continue
		}
		fmt.Fprintf(&b, "| `%s` | %d | %d | %d | %d | %d | %s |\n", r.Name, r.Errors+r.Fatal, r.Warnings, r.Notices, r.Pass, r.NA, mdEscape(strings.Join(r.Examples, ", ")))
	}
	if top := s.TopIssuers(l.topIssuers()); len(top) > 0 {
		b.WriteString("\n## Issuers with the most findings\n\n| issuer | certificates | findings | errors |\n|---|---:|---:|---:|\n")
		for _, iss := range top {
			fmt.Fprintf(&b, "| %s | %d | %d | %d |\n", mdEscape(orEmpty(iss.Name)), iss.Certificates, iss.Findings, iss.Errors)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdEscape(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
