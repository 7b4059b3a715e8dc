package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/xmpplint/xmpplint/docs"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func newExplainCmd(e *environment) *cobra.Command {
	return &cobra.Command{
		Use:   "explain NAME",
		Short: "document one lint",
		Args:  cobra.ExactArgs(1),
		ValidArgsFunction: func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) > 0 {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return completeLintNames(cmd, args, toComplete)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return exitErr(e.explain(args[0]))
		},
	}
}

func (e *environment) explain(name string) int {
	text, ok := docs.Explain(name)
	if !ok {
		var near []string
		for _, info := range xmpp.All() {
			if strings.Contains(info.Name, strings.TrimLeft(name, "enw_")) {
				near = append(near, info.Name)
			}
		}
		if len(near) == 0 || len(near) >= 8 {
			var all []string
			for _, info := range xmpp.All() {
				all = append(all, info.Name)
			}
			near = nil
			if n := nearest(name, all); n != "" {
				near = []string{n}
			}
		}
		msg := fmt.Sprintf("no lint named %q", name)
		if len(near) > 0 {
			msg += "; did you mean " + strings.Join(near, ", ") + "?"
		}
		e.errorf("%s (see `xmpplint lints` for the names)", msg)
		return exitUsage
	}
	fmt.Fprint(e.stdout, text)
	return exitOK
}
