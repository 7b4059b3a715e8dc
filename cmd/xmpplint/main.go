// Command xmpplint lints X.509 certificates for XMPP: EKU, SRV-ID, XmppAddr,
// DNS-ID and CN-ID rules from RFC 6120, XEP-0178 and the behaviour of
// deployed servers, with a federation verdict per verifier.
//
//	xmpplint lint [flags] [PATH...|-]    lint files, chains, directories, stdin
//	xmpplint audit [flags] PATH...|-     audit a corpus at scale, with a summary
//	xmpplint check [flags] DOMAIN...     lint what a domain's live servers present
//	xmpplint merge SUMMARY.json...       combine the summaries of shards
//	xmpplint lints [--output table|ndjson|json|markdown]
//	xmpplint explain NAME
//	xmpplint version
//	xmpplint completion bash|zsh|fish|powershell
//	xmpplint help [COMMAND]
//
// The command tree is spf13/cobra's (root.go): one file per command.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/pprof"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// The live heap of a run is small and flat (a few groups in flight
		// per worker), and linting allocates many short-lived values: a
		// less eager collector spends a third less time in GC for a few
		// megabytes more of peak memory.
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		// ... and, near this soft limit, as eager as it must be.
		debug.SetMemoryLimit(96 << 20)
	}
	stop := startCPUProfile(os.Getenv("XMPPLINT_CPUPROFILE"))
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// startCPUProfile writes a CPU profile of the whole run to path (go tool
// pprof reads it) when path is set: the way to see where an audit spends
// its time on a real corpus. It returns the function that stops it.
func startCPUProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "xmpplint: XMPPLINT_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			fmt.Fprintf(os.Stderr, "xmpplint: XMPPLINT_CPUPROFILE: %v\n", err)
		}
	}
}

// Exit codes.
const (
	exitOK       = 0 // nothing reached --fail-on
	exitFindings = 1 // a finding (or an unreadable certificate) reached --fail-on
	exitUsage    = 2 // usage or I/O error
)

// run is the whole program: main only calls it. It builds the command
// tree, runs the command the arguments name and returns the exit status;
// it never calls os.Exit.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &environment{stdin: stdin, stdout: stdout, stderr: stderr}
	return env.dispatch(args)
}
