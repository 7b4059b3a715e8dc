package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/pelletier/go-toml"
	"github.com/spf13/cobra"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/docs"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// lintListing is one line of `xmpplint lints --output ndjson`.
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

// lintsOptions are the flags of xmpplint lints.
type lintsOptions struct {
	output, profile string
	listProfiles    bool
	listSources     bool
	exampleConfig   bool
	withZlint       bool
}

func newLintsCmd(e *environment) *cobra.Command {
	o := &lintsOptions{}
	cmd := &cobra.Command{
		Use:   "lints [flags]",
		Short: "list the lints, profiles and sources",
		Long: `List xmpplint's lints: a table by default, or for machines one JSON object per
lint (ndjson), one JSON document (json), or the lint reference (markdown).`,
		Example: `  xmpplint lints --profile webpki
  xmpplint lints --output ndjson | jq -r .name
  xmpplint lints --example-config > xmpplint.toml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return exitErr(e.lints(o))
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&o.output, "output", "table", "table, ndjson (one JSON object per lint), json (one document) or markdown (the lint reference)")
	fs.StringVar(&o.output, "format", "table", "the same as --output")
	fs.MarkDeprecated("format", "use --output")
	fs.StringVar(&o.profile, "profile", "", "list only the lints of this profile: xmpp, webpki or strict")
	fs.BoolVar(&o.listProfiles, "list-profiles", false, "list the profiles (zlint's -list-profiles)")
	fs.BoolVar(&o.listSources, "list-sources", false, "list the lint sources (zlint's -list-lints-source)")
	fs.BoolVar(&o.exampleConfig, "example-config", false, "print a --config file with every key at its default (zlint's -exampleConfig)")
	fs.BoolVar(&o.withZlint, "with-zlint", false, "with --example-config and --list-sources: zlint's own lints too")
	registerCompletions(cmd)
	return cmd
}

// lints lists the lints (or profiles, sources, an example configuration).
func (e *environment) lints(o *lintsOptions) int {
	switch {
	case o.listProfiles:
		return e.writeOut(e.profileTable())
	case o.listSources:
		return e.writeOut(sourceTable(o.withZlint))
	case o.exampleConfig:
		text, err := exampleConfig(o.withZlint)
		if err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		return e.writeOut(text)
	}
	if o.profile != "" && !knownProfile(o.profile) {
		e.errorf("--profile %q: unknown profile%s (known: %s)", o.profile, didYouMean(o.profile, profileNames()), strings.Join(profileNames(), ", "))
		return exitUsage
	}
	var infos []*xmpp.Info
	for _, info := range xmpp.All() {
		if o.profile == "" || info.InProfile(o.profile) {
			infos = append(infos, info)
		}
	}
	switch o.output {
	case "table", "text":
		var b strings.Builder
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "NAME\tSOURCE\tAPPLIES TO\tPROFILE\tDESCRIPTION")
		for _, info := range infos {
			src := string(info.Source)
			if s, ok := xmpp.LookupSource(info.Source); ok {
				src = s.Short
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", info.Name, src, info.Applies.String(), info.Profile, headline(info.Description))
		}
		tw.Flush()
		fmt.Fprintf(&b, "\n%d lints; xmpplint explain NAME documents one, --output markdown gives the reference.\n", len(infos))
		return e.writeOut(b.String())
	case "markdown", "md":
		if o.profile != "" {
			e.errorf("--output markdown is the whole reference: it takes no --profile")
			return exitUsage
		}
		return e.writeOut(string(docs.Reference()))
	case "ndjson", "json":
	default:
		e.errorf("--output %q: want table, ndjson, json or markdown", o.output)
		return exitUsage
	}
	list := make([]lintListing, 0, len(infos))
	for _, info := range infos {
		list = append(list, lintListing{
			Name: info.Name, Severity: docs.Severity(info.Name), Description: info.Description,
			Citation: info.Citation, Source: string(info.Source), Applies: info.Applies.String(),
			Scope: string(info.Scope), Profile: info.Profile, Topic: docs.Topic(info),
			Effective: info.EffectiveDate.Format("2006-01-02"),
		})
	}
	enc := json.NewEncoder(e.stdout)
	if o.output == "json" {
		enc.SetIndent("", "  ")
		if err := enc.Encode(list); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
		return exitOK
	}
	for _, l := range list {
		if err := enc.Encode(l); err != nil {
			e.errorf("%v", err)
			return exitUsage
		}
	}
	return exitOK
}

// headline is the first clause of a lint's description, for the table:
// explain NAME has the whole.
func headline(desc string) string {
	const most = 90
	for _, sep := range []string{": ", ". "} {
		if i := strings.Index(desc, sep); i > 0 {
			desc = desc[:i]
		}
	}
	if r := []rune(desc); len(r) > most {
		desc = string(r[:most-1]) + "…"
	}
	return desc
}

func (e *environment) writeOut(s string) int {
	if _, err := fmt.Fprint(e.stdout, s); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	return exitOK
}

func profileNames() []string {
	var names []string
	for _, p := range xmpp.Profiles {
		names = append(names, p.Name)
	}
	return names
}

func knownProfile(name string) bool {
	for _, p := range xmpp.Profiles {
		if p.Name == name {
			return true
		}
	}
	return false
}

func (e *environment) profileTable() string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PROFILE\tLINTS\tDESCRIPTION")
	for _, p := range xmpp.Profiles {
		n := 0
		for _, info := range xmpp.All() {
			if info.InProfile(p.Name) {
				n++
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\n", p.Name, n, p.Description)
	}
	tw.Flush()
	return b.String()
}

func sourceTable(withZlint bool) string {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SOURCE\tZLINT SOURCES ALSO SELECTED\tDESCRIPTION")
	for _, s := range xmpp.Sources {
		var z []string
		for _, zs := range zlintSources() {
			for _, prefix := range zlintSourcesOf[s.Source] {
				if strings.HasPrefix(string(zs), prefix) {
					z = append(z, string(zs))
				}
			}
		}
		also := strings.Join(z, ",")
		if also == "" {
			also = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Short, also, s.Description)
	}
	tw.Flush()
	if withZlint {
		b.WriteString("\nzlint's own sources (with --with-zlint):\n")
		for _, zs := range zlintSources() {
			fmt.Fprintf(&b, "    %s\n", zs)
		}
	}
	return b.String()
}

// exampleConfig is a --config file with xmpplint's keys at their
// defaults and, with zlint, every table of zlint's own example
// configuration: it loads back as it is.
func exampleConfig(withZlint bool) (string, error) {
	var b strings.Builder
	d := xmpp.DefaultOptions()
	b.WriteString("# xmpplint --config: a zlint TOML configuration.\n")
	b.WriteString("# [Global] sets the options of every xmpplint lint; a lint's own table wins for it.\n")
	b.WriteString("[Global]\n")
	fmt.Fprintf(&b, "xmpp_role = %q        # auto | server | client\n", d.Role)
	fmt.Fprintf(&b, "xmpp_scope = %q       # both | c2s | s2s\n", d.Scope)
	fmt.Fprintf(&b, "xmpp_service = %q  # xmpp-server | xmpp-client\n", d.Service)
	b.WriteString("xmpp_domains = []         # XMPP domains the certificate must serve\n")
	b.WriteString("xmpp_srv_targets = []     # hosts named by DNS SRV records (never identities)\n")
	b.WriteString("\n# One lint's own options, for example:\n")
	b.WriteString("# [w_xmpp_s2s_eku_missing_client_auth]\n# scope = \"c2s\"\n")
	b.WriteString("# Every xmpplint lint takes: role, scope, service, domains, srv_targets.\n")
	if withZlint {
		example, err := lint.GlobalRegistry().DefaultConfiguration()
		if err != nil {
			return "", err
		}
		tree, err := toml.LoadBytes(example)
		if err != nil {
			return "", err
		}
		for _, name := range tree.Keys() {
			if isOurs(name) || name == "Global" {
				continue
			}
			sub, ok := tree.Get(name).(*toml.Tree)
			if !ok {
				continue
			}
			part, err := toml.TreeFromMap(map[string]interface{}{name: sub.ToMap()})
			if err != nil {
				return "", err
			}
			b.WriteString("\n")
			b.WriteString(part.String())
		}
	}
	return b.String(), nil
}
