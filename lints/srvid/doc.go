// Package srvid holds the lints of rules.md section C, SRV-ID (SRVName, RFC 4985).
package srvid
