// Package chain holds the lints of rules.md section I, the presented chain.
package chain
