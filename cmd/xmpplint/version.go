package main

import "github.com/spf13/cobra"

func newVersionCmd(e *environment) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return exitErr(e.version())
		},
	}
}
