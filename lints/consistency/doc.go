// Package consistency holds the lints of rules.md section G, consistency between identities.
package consistency
