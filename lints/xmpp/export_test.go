package xmpp

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ToASCIISlow is ToASCII without its fast path, for the fuzz test.
func ToASCIISlow(domain string) (string, error) {
	if !utf8.ValidString(domain) {
		return "", errors.New("idna: invalid UTF-8")
	}
	a, err := lookupProfile.ToASCII(strings.TrimSuffix(domain, "."))
	if err != nil {
		return "", err
	}
	return strings.ToLower(a), nil
}

// ToUnicodeSlow is ToUnicode without its fast path, for the fuzz test.
func ToUnicodeSlow(domain string) string {
	u, err := lookupProfile.ToUnicode(strings.TrimSuffix(domain, "."))
	if err != nil {
		return strings.ToLower(domain)
	}
	return u
}

// AnalyzeJIDSlow is AnalyzeJID without its fast path, for the fuzz test.
func AnalyzeJIDSlow(s string) JIDInfo { return analyzeJID(s) }
