// Package domain holds the lints of rules.md section J, identity for a target domain and service.
package domain
