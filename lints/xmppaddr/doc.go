// Package xmppaddr holds the lints of rules.md section D, XmppAddr (RFC 6120 13.7.1.4, RFC 7622).
package xmppaddr
