// Command gen writes docs/lints.md. Run it with `go generate ./docs`.
package main

import (
	"fmt"
	"os"

	"github.com/xmpplint/xmpplint/docs"
	_ "github.com/xmpplint/xmpplint/lints"
)

func main() {
	if err := os.WriteFile("lints.md", docs.Reference(), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
