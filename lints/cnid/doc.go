// Package cnid holds the lints of rules.md section F, CN-ID.
package cnid
