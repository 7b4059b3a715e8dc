package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// commands is the command tree under the root, in help order. Adding a
// command is one file with its constructor and one line here.
var commands = []func(*environment) *cobra.Command{
	newLintCmd,
	newAuditCmd,
	newCheckCmd,
	newMergeCmd,
	newLintsCmd,
	newExplainCmd,
	newServeCmd,
	newVersionCmd,
}

const rootLong = `xmpplint: will this certificate work, and be safe, for XMPP?

Lints X.509 certificates for XMPP (EKU, SRV-ID, XmppAddr, DNS-ID, CN-ID, the
presented chain, identity for a domain) with a federation verdict per deployed
verifier. Flags go anywhere on the line; -- ends them.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error
(or nothing linted).`

// newRootCmd builds the command tree, writing to e's streams.
func (e *environment) newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "xmpplint",
		Short:         "will this certificate work, and be safe, for XMPP?",
		Long:          rootLong,
		SilenceErrors: true, // dispatch reports errors, in one place
		SilenceUsage:  true,
		// Without a command: the help, on standard error, as a usage error.
		RunE: func(cmd *cobra.Command, args []string) error {
			cmd.SetOut(e.stderr)
			cmd.Help()
			return exitStatus(exitUsage)
		},
		// Unknown commands are errors with suggestions (cobra's legacy
		// argument check, which NoArgs would turn into a plain error).
		Args: nil,
	}
	root.SetIn(e.stdin)
	root.SetOut(e.stdout)
	root.SetErr(e.stderr)
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	cobra.EnableCommandSorting = false // the order of the commands table
	for _, newCmd := range commands {
		root.AddCommand(newCmd(e))
	}
	root.SetHelpCommand(helpCommand(root))
	root.InitDefaultCompletionCmd()
	return root
}

// helpCommand is `xmpplint help [COMMAND]`: an unknown topic is a usage
// error with suggestions, as an unknown command is.
func helpCommand(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "help about any command",
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			var names []string
			for _, c := range root.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					names = append(names, cobra.CompletionWithDesc(c.Name(), c.Short))
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil {
				return err
			}
			if len(rest) > 0 {
				return fmt.Errorf("unknown help topic %q", strings.Join(args, " "))
			}
			target.InitDefaultHelpFlag()
			return target.Help()
		},
	}
}

// exitStatus is a command's exit status once it has reported its own
// errors: dispatch prints nothing more.
type exitStatus int

func (s exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(s)) }

// exitErr turns a run function's exit code into RunE's error.
func exitErr(code int) error {
	if code == exitOK {
		return nil
	}
	return exitStatus(code)
}

// dispatch runs one command line and maps its outcome to the exit status:
// the one place where errors become exit codes.
func (e *environment) dispatch(args []string) int {
	root := e.newRootCmd()
	// Never nil: cobra reads os.Args when given nil.
	root.SetArgs(append([]string{}, translateArgs(root, args)...))
	if e.ctx != nil {
		root.SetContext(e.ctx)
	}
	cmd, err := root.ExecuteC()
	if err == nil {
		return exitOK
	}
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	msg := oneLineSuggestion(strings.TrimSuffix(err.Error(), "\n"))
	e.errorf("%s", msg)
	if cmd == nil {
		cmd = root
	}
	fmt.Fprintf(e.stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
	return exitUsage
}

// oneLineSuggestion rewrites cobra's "unknown command" error, whose
// suggestions follow on lines of their own ("\n\nDid you mean this?\n\tlint"),
// in the one-line form of the flag errors: errorf escapes control
// characters, so its newlines and tabs would otherwise print as \n and \t.
func oneLineSuggestion(msg string) string {
	const marker = "\n\nDid you mean this?\n"
	i := strings.Index(msg, marker)
	if i < 0 {
		return msg
	}
	var names []string
	for _, f := range strings.Fields(msg[i+len(marker):]) {
		names = append(names, f)
	}
	if len(names) == 0 {
		return msg[:i]
	}
	return fmt.Sprintf("%s (did you mean %s?)", msg[:i], strings.Join(names, " or "))
}

// flagError adds the nearest flag of the command to pflag's "unknown
// flag" errors: "did you mean --domain?".
func flagError(cmd *cobra.Command, err error) error {
	var ne *pflag.NotExistError
	if !errors.As(err, &ne) {
		return err
	}
	name := ne.GetSpecifiedName()
	if sh := ne.GetSpecifiedShortnames(); sh != "" && len(sh) > 1 {
		// -domian: a long flag written with one dash.
		name = sh
	}
	var names []string
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if !f.Hidden {
			names = append(names, f.Name)
		}
	})
	if near := nearest(name, names); near != "" {
		return fmt.Errorf("%v (did you mean --%s?)", err, near)
	}
	return err
}

// zlintSpellings maps the spellings of zlint's command line (and the
// single-dash long flags of Go's flag package that xmpplint used to take)
// to xmpplint's: one table, read before pflag sees the arguments, since
// pflag takes -includeNames for the shorthands -i -n -c... A spelling
// with a command runs that command when it comes first, as in zlint, whose
// listings are flags of its one command.
var zlintSpellings = []struct {
	zlint, ours, command string
}{
	{"-includeNames", "--include-names", ""},
	{"-excludeNames", "--exclude-names", ""},
	{"-nameFilter", "--name-filter", ""},
	{"-includeSources", "--include-sources", ""},
	{"-excludeSources", "--exclude-sources", ""},
	{"-exampleConfig", "--example-config", "lints"},
	{"-list-profiles", "--list-profiles", "lints"},
	{"-list-lints-source", "--list-sources", "lints"},
	{"-list-lints-json", "--output=ndjson", "lints"},
	{"-help", "--help", ""},
	{"-version", "", "version"},
	{"--version", "", "version"},
}

// translateArgs rewrites zlint's spellings, and -name for any long flag
// --name of the tree, up to a "--".
func translateArgs(root *cobra.Command, args []string) []string {
	long := map[string]bool{}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		c.Flags().VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
		c.PersistentFlags().VisitAll(func(f *pflag.Flag) { long[f.Name] = true })
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	out := make([]string, 0, len(args)+1)
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if len(a) < 3 || a[0] != '-' || (a[1] == '-' && a != "--version") {
			out = append(out, a)
			continue
		}
		name, value, hasValue := strings.Cut(a, "=")
		rewritten := false
		for _, s := range zlintSpellings {
			if s.zlint != name {
				continue
			}
			if s.command != "" && i == 0 {
				out = append(out, s.command)
			}
			if s.ours != "" {
				w := s.ours
				if hasValue {
					w += "=" + value
				}
				out = append(out, w)
			}
			rewritten = true
			break
		}
		if rewritten {
			continue
		}
		if long[name[1:]] {
			a = "-" + a
		}
		out = append(out, a)
	}
	return out
}

// nearest returns the candidate closest to s in edit distance when it is
// close enough to be a likely typo, else "".
func nearest(s string, candidates []string) string {
	best, bestD := "", -1
	limit := max(2, len(s)/3)
	for _, c := range candidates {
		if len(c)-len(s) > limit || len(s)-len(c) > limit {
			continue // the distance is at least the difference in length
		}
		d := editDistance(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
