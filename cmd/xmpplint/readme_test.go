package main

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/corpus"
)

// TestReadmeTour runs every xmpplint command of the README's sh blocks as
// written (./xmpplint, or go run ./cmd/xmpplint), from a directory that
// holds the corpus where the repository has it. A command may find
// something (exit 1), never fail as a command (exit 2). Commands that need
// the network (check) or another program's output (a pipe) are listed, not
// run.
func TestReadmeTour(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	materialize(t, corpus.FS(), filepath.Join(dir, "corpus", "certs"))
	materialize(t, corpus.External(), filepath.Join(dir, "corpus", "external"))
	t.Chdir(dir)

	ran := 0
	inBlock := false
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "```sh"):
			inBlock = true
			continue
		case strings.HasPrefix(line, "```"):
			inBlock = false
			continue
		}
		if !inBlock {
			continue
		}
		cmdline, _, _ := strings.Cut(line, " #")
		var rest string
		switch {
		case strings.HasPrefix(cmdline, "./xmpplint "):
			rest = strings.TrimPrefix(cmdline, "./xmpplint ")
		case strings.HasPrefix(cmdline, "go run ./cmd/xmpplint "):
			rest = strings.TrimPrefix(cmdline, "go run ./cmd/xmpplint ")
		default:
			continue
		}
		if strings.ContainsAny(rest, "|<") || strings.HasPrefix(rest, "check ") {
			t.Logf("not run (network or pipe): %s", line)
			continue
		}
		var stdout string
		if before, after, ok := strings.Cut(rest, ">"); ok {
			rest, stdout = before, strings.TrimSpace(after)
		}
		args := strings.Fields(rest)
		r := xmpplint(t, "", args...)
		if r.code != exitOK && r.code != exitFindings {
			t.Errorf("README: %s\nexit %d: %s", line, r.code, r.stderr)
		}
		if stdout != "" {
			if err := os.WriteFile(stdout, []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		ran++
	}
	if ran < 12 {
		t.Errorf("ran %d README commands: the tour has more", ran)
	}
}
