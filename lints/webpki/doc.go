// Package webpki holds the lints of rules.md section H, the webpki profile.
package webpki
