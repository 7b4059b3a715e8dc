// Package boulderwire is a test-only module: it runs Boulder's own
// pkimetal lint (github.com/letsencrypt/boulder/linter/lints/rfc,
// e_pkimetal_lint_cabf_serverauth_cert, with its linter/pkimetal client)
// through zlint against xmpplint serve on a Unix socket, configured with the lintConfig table docs/ca.md gives. It is a
// module of its own so that xmpplint does not depend on Boulder; the main
// module's server.TestBoulderWireModule runs its tests within go test ./...
package boulderwire
