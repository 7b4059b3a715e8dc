package main

import (
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/input"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// completion is how the shell completes the value of a flag.
type completion func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective)

// fixed completes one of a closed set of values.
func fixed(values ...string) completion {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// flagCompletions is the one table of flag value completions: every
// command that has the flag completes it so.
var flagCompletions = map[string]completion{
	"include-names":   completeLintNames,
	"exclude-names":   completeLintNames,
	"profile":         completeProfiles,
	"include-sources": completeSources,
	"exclude-sources": completeSources,
	"role":            fixed("auto", "server", "client"),
	"scope":           fixed("both", "c2s", "s2s"),
	"service":         fixed(xmpp.ServiceServer, xmpp.ServiceClient),
	"fail-on":         fixed("error", "warn", "notice", "none"),
	"format":          completeFormat,
	"output":          completeOutput,
	"color":           fixed("auto", "always", "never"),
	"summary":         fixed("text", "json", "markdown", "html"),
	"progress":        fixed("auto", "always", "never"),
	"config":          files("toml"),
	"ca-file":         files("pem", "crt"),
}

// registerCompletions registers the completions of cmd's flags.
func registerCompletions(cmd *cobra.Command) {
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if c, ok := flagCompletions[f.Name]; ok {
			cmd.RegisterFlagCompletionFunc(f.Name, c)
		}
	})
}

func files(ext ...string) completion {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return ext, cobra.ShellCompDirectiveFilterFileExt
	}
}

// completeFormat: --format is the input format of lint and audit, and the
// old spelling of --output for lints.
func completeFormat(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if cmd.Name() == "lints" {
		return completeOutput(cmd, args, toComplete)
	}
	var out []string
	for _, f := range input.Formats {
		out = append(out, string(f))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeOutput(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if cmd.Name() == "lints" {
		return []string{"table", "ndjson", "json", "markdown"}, cobra.ShellCompDirectiveNoFileComp
	}
	return []string{"text", "ndjson", "json", "sarif"}, cobra.ShellCompDirectiveNoFileComp
}

// listed completes the last item of a comma-separated list.
func listed(toComplete string, items []string) []cobra.Completion {
	done, last := "", toComplete
	if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
		done, last = toComplete[:i+1], toComplete[i+1:]
	}
	var out []cobra.Completion
	for _, it := range items {
		name, _, _ := strings.Cut(it, "\t")
		if strings.HasPrefix(name, last) {
			out = append(out, done+it)
		}
	}
	return out
}

func withZlint(cmd *cobra.Command) bool {
	on, err := cmd.Flags().GetBool("with-zlint")
	return err == nil && on
}

// completeLintNames completes xmpplint's lint names, and zlint's when
// --with-zlint is on the line, with their descriptions.
func completeLintNames(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var items []string
	for _, info := range xmpp.All() {
		items = append(items, cobra.CompletionWithDesc(info.Name, info.Description))
	}
	if withZlint(cmd) {
		for _, n := range lint.GlobalRegistry().Names() {
			if l := lint.GlobalRegistry().CertificateLints().ByName(n); l != nil && !isOurs(n) {
				items = append(items, cobra.CompletionWithDesc(n, l.Description))
			}
		}
	}
	return listed(toComplete, items), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

func completeProfiles(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []string
	for _, p := range xmpp.Profiles {
		out = append(out, cobra.CompletionWithDesc(p.Name, p.Description))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

func completeSources(cmd *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var items []string
	for _, s := range xmpp.Sources {
		items = append(items, cobra.CompletionWithDesc(s.Short, s.Description))
	}
	if withZlint(cmd) {
		for _, s := range zlintSources() {
			items = append(items, string(s))
		}
	}
	return listed(toComplete, items), cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
