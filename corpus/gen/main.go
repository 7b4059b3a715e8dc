// Command gen renders every corpus case to corpus/certs/<case>.pem and the
// corpus root to corpus/certs/root.pem. Run it with `go generate ./corpus`.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xmpplint/xmpplint/corpus"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run() error {
	dir := corpus.Dir
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	keep := map[string]bool{corpus.RootName: true, "README.md": true}
	root, err := corpus.RenderRoot()
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, corpus.RootName), root, 0o644); err != nil {
		return err
	}
	for _, c := range corpus.Cases() {
		data, err := c.Render()
		if err != nil {
			return err
		}
		name := c.Name + ".pem"
		if keep[name] {
			return fmt.Errorf("duplicate case %s", c.Name)
		}
		keep[name] = true
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return err
		}
	}
	// Remove files of cases that no longer exist.
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !keep[e.Name()] && strings.HasSuffix(e.Name(), ".pem") {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
