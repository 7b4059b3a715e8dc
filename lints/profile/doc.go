// Package profile holds the lints of rules.md section B, key usage and the general certificate profile.
package profile
