package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

func newVersionCmd(e *environment) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Long: `Print the version of xmpplint, zlint and zcrypto, and the server builds each
federation model was last verified against. --output json writes them as one
object (models_verified is the table --output json records carry; NDJSON
records leave it out, since it is the same on every record).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch output {
			case "text":
				return exitErr(e.version())
			case "json":
				return exitErr(e.versionJSON())
			}
			return fmt.Errorf("--output %q: unknown format (known: text, json)", output)
		},
	}
	cmd.Flags().StringVar(&output, "output", "text", "output format: text or json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}
