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
