// Package citest decides what a test does when a real component it runs
// (an XMPP server, a CA, a browser, a binary) is missing: under CI=true it
// fails, so that CI never passes on a test it did not run; elsewhere it
// skips, saying what is missing and how to install it.
package citest

import (
	"fmt"
	"os"
	"testing"
)

// Enforced reports whether missing components fail tests: CI=true, as CI
// services and .ci/run set it.
func Enforced() bool { return os.Getenv("CI") == "true" }

// Missing ends the test for want of a component: tb.Fatalf under CI=true,
// tb.Skip otherwise. The message says what is missing and how to get it.
func Missing(tb testing.TB, format string, args ...any) {
	tb.Helper()
	msg := fmt.Sprintf(format, args...)
	if Enforced() {
		tb.Fatalf("%s; CI=true, so this is a failure: .ci/run installs it", msg)
	}
	tb.Skip(msg)
}
