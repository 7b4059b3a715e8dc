// Command gen writes docs/lints.md and the generated part of docs/ca.md.
// Run it with `go generate ./docs`.
package main

import (
	"fmt"
	"os"

	"github.com/xmpplint/xmpplint/docs"
	_ "github.com/xmpplint/xmpplint/lints"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	if err := os.WriteFile("lints.md", docs.Reference(), 0o644); err != nil {
		return err
	}
	ca, err := os.ReadFile("ca.md")
	if err != nil {
		return err
	}
	ca, err = docs.WithCAProfile(ca)
	if err != nil {
		return err
	}
	return os.WriteFile("ca.md", ca, 0o644)
}
