package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/xmpplint/xmpplint/docs"
	"github.com/xmpplint/xmpplint/interop"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// lintListing is one line of `xmpplint lints --format ndjson`.
type lintListing struct {
	Name        string `json:"name"`
	Severity    string `json:"severity"`
	Description string `json:"description"`
	Citation    string `json:"citation"`
	Source      string `json:"source"`
	Applies     string `json:"applies_to"`
	Scope       string `json:"scope"`
	Profile     string `json:"profile"`
	Topic       string `json:"topic"`
	Effective   string `json:"effective_date"`
}

func (e *environment) lints(args []string) int {
	fs := flag.NewFlagSet("xmpplint lints", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	format := fs.String("format", "ndjson", "ndjson (one JSON object per lint) or markdown (the lint reference)")
	profile := fs.String("profile", "", "list only the lints of this profile")
	if err := fs.Parse(args); err != nil {
		return helpOrUsage(err)
	}
	switch *format {
	case "markdown", "md":
		if _, err := e.stdout.Write(docs.Reference()); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		return exitOK
	case "ndjson", "json":
	default:
		e.errorf("--format %q: want ndjson or markdown", *format)
		return exitUsage
	}
	enc := json.NewEncoder(e.stdout)
	for _, info := range xmpp.All() {
		if *profile != "" && !info.InProfile(*profile) {
			continue
		}
		err := enc.Encode(lintListing{
			Name: info.Name, Severity: docs.Severity(info.Name), Description: info.Description,
			Citation: info.Citation, Source: string(info.Source), Applies: info.Applies.String(),
			Scope: string(info.Scope), Profile: info.Profile, Topic: docs.Topic(info),
			Effective: info.EffectiveDate.Format("2006-01-02"),
		})
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	return exitOK
}

func (e *environment) explain(args []string) int {
	if len(args) != 1 || strings.HasPrefix(args[0], "-") {
		e.errorf("usage: xmpplint explain NAME (see `xmpplint lints` for the names)")
		return exitUsage
	}
	text, ok := docs.Explain(args[0])
	if !ok {
		var near []string
		for _, info := range xmpp.All() {
			if strings.Contains(info.Name, strings.TrimLeft(args[0], "enw_")) {
				near = append(near, info.Name)
			}
		}
		msg := fmt.Sprintf("no lint named %q", args[0])
		if len(near) > 0 && len(near) < 8 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		e.errorf("%s", msg)
		return exitUsage
	}
	fmt.Fprint(e.stdout, text)
	return exitOK
}

// buildVersion is the module version, or "devel" in a work tree.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}

func depVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range info.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return "unknown"
}

func (e *environment) version() int {
	fmt.Fprintf(e.stdout, "xmpplint %s (%d lints; zlint %s, zcrypto %s)\n", buildVersion(), len(xmpp.All()),
		depVersion("github.com/zmap/zlint/v3"), depVersion("github.com/zmap/zcrypto"))
	fmt.Fprintln(e.stdout, "federation models, last verified against (integration/ TestFederation):")
	for _, line := range interop.VerifiedLines() {
		fmt.Fprintln(e.stdout, "  "+line)
	}
	return exitOK
}
