// Package dnsid holds the lints of rules.md section E, DNS-ID.
package dnsid
