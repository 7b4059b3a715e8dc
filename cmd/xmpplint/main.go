// Command xmpplint lints X.509 certificates for XMPP: EKU, SRV-ID, XmppAddr,
// DNS-ID and CN-ID rules from RFC 6120, XEP-0178 and the behaviour of
// deployed servers, with a federation verdict per verifier.
//
//	xmpplint lint [flags] [PATH...|-]    lint files, chains, directories, stdin
//	xmpplint audit [flags] PATH...|-     audit a corpus at scale, with a summary
//	xmpplint check [flags] DOMAIN...     lint what a domain's live servers present
//	xmpplint merge SUMMARY.json...       combine the summaries of shards
//	xmpplint lints [--format ndjson|markdown]
//	xmpplint explain NAME
//	xmpplint version
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

const usage = `xmpplint: will this certificate work, and be safe, for XMPP?

Usage:
  xmpplint lint [flags] [PATH...|-]   lint certificates: files, directories, chains, stdin
  xmpplint audit [flags] PATH...|-    audit a corpus: records and a summary, in parallel
  xmpplint check [flags] DOMAIN...    connect to a domain's XMPP servers and lint what they present
  xmpplint merge [flags] SUMMARY.json...
                                      combine the JSON summaries of audit shards
  xmpplint lints [--format ndjson|markdown]
                                      list the lints
  xmpplint explain NAME               document one lint
  xmpplint version                    print the version

Run 'xmpplint COMMAND -h' for the flags of a command.
Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error.
`

// run is the whole program: main only calls it. It never calls os.Exit.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		io.WriteString(stderr, usage)
		return exitUsage
	}
	env := &environment{stdin: stdin, stdout: stdout, stderr: stderr}
	return env.dispatch(args)
}

// dispatch runs one command.
func (env *environment) dispatch(args []string) int {
	if len(args) == 0 {
		io.WriteString(env.stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "lint":
		return env.lint(args[1:])
	case "audit":
		return env.audit(args[1:])
	case "check":
		return env.check(args[1:])
	case "merge":
		return env.merge(args[1:])
	case "lints":
		return env.lints(args[1:])
	case "explain":
		return env.explain(args[1:])
	case "version", "--version", "-version":
		return env.version()
	case "help", "-h", "--help", "-help":
		io.WriteString(env.stdout, usage)
		return exitOK
	}
	env.errorf("unknown command %q\n\n%s", args[0], usage)
	return exitUsage
}
