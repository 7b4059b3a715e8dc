package identity

import (
	"strings"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// dnsMatch compares a presented DNS-style name with ref (lower-case A-label,
// no trailing dot) under rule.
func dnsMatch(rule DNSRule, presented, ref string) bool {
	switch rule {
	case DNSRFC9525:
		return xmpp.DNSMatch(presented, ref)
	case DNSProsody:
		return prosodyDNS(presented, ref)
	case DNSEjabberd:
		return ejabberdDNS(presented, ref)
	case DNSOpenSSL:
		return opensslHost(presented, ref)
	}
	return false
}

// isWildcardMatch reports whether a name that matched did so through a
// wildcard under rule.
func isWildcardMatch(rule DNSRule, presented string) bool {
	if !strings.Contains(presented, "*") {
		return false
	}
	if rule == DNSOpenSSL {
		return validStar(presented) >= 0
	}
	return strings.HasPrefix(presented, "*.")
}

// asciiLower lower-cases ASCII letters only, as Lua's string.lower does in
// the C locale.
func asciiLower(s string) string {
	if !xmpp.HasUpperASCII(s) {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// prosodyDNS is util/x509.lua compare_dnsname with the host already in
// lower-case A-label form.
func prosodyDNS(presented, host string) bool {
	name := asciiLower(presented)
	if name == host {
		return true
	}
	if strings.HasPrefix(name, "*.") {
		// host:gsub("^[^.]+%.", ""): drop the first label when there is one
		// before a dot; a single-label host stays whole.
		chopped := host
		if i := strings.IndexByte(host, '.'); i > 0 {
			chopped = host[i+1:]
		}
		return name[2:] == chopped
	}
	return false
}

// ejabberdDNS is xmpp_stream_pkix.erl match_domain.
func ejabberdDNS(presented, domain string) bool {
	if presented == domain {
		return true
	}
	if rest, ok := strings.CutPrefix(presented, "*."); ok {
		i := strings.IndexByte(domain, '.')
		return i >= 0 && domain[i+1:] == rest
	}
	return false
}

// OpenSSL's X509_check_host with flags 0 (crypto/x509/v3_utl.c): the
// functions below follow equal_wildcard, valid_star, wildcard_match and
// equal_nocase.

func opensslHost(pattern, subject string) bool {
	star := validStar(pattern)
	if star < 0 {
		return equalNoCase(pattern, subject)
	}
	return wildcardMatch(pattern[:star], pattern[star+1:], subject)
}

const (
	labelStart = 1 << iota
	labelHyphen
	labelIDNA
)

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func hasCasePrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// validStar returns the index of the one legal '*' of pattern, or -1.
func validStar(p string) int {
	star, state, dots := -1, labelStart, 0
	for i := 0; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '*':
			atStart := state&labelStart != 0
			atEnd := i == len(p)-1 || p[i+1] == '.'
			if star >= 0 || state&labelIDNA != 0 || dots > 0 {
				return -1
			}
			if !atStart && !atEnd {
				return -1
			}
			star = i
			state &^= labelStart
		case isAlnum(c):
			if state&labelStart != 0 && hasCasePrefix(p[i:], "xn--") {
				state |= labelIDNA
			}
			state &^= labelHyphen | labelStart
		case c == '.':
			if state&(labelHyphen|labelStart) != 0 {
				return -1
			}
			state = labelStart
			dots++
		case c == '-':
			if state&labelStart != 0 {
				return -1
			}
			state |= labelHyphen
		default:
			return -1
		}
	}
	if state&(labelStart|labelHyphen) != 0 || dots < 2 {
		return -1
	}
	return star
}

// equalNoCase compares ASCII case-insensitively; a NUL in the pattern never
// matches.
func equalNoCase(pattern, subject string) bool {
	if len(pattern) != len(subject) {
		return false
	}
	for i := 0; i < len(pattern); i++ {
		l, r := pattern[i], subject[i]
		if l == 0 {
			return false
		}
		if l != r {
			if l >= 'A' && l <= 'Z' {
				l += 'a' - 'A'
			}
			if r >= 'A' && r <= 'Z' {
				r += 'a' - 'A'
			}
			if l != r {
				return false
			}
		}
	}
	return true
}

func wildcardMatch(prefix, suffix, subject string) bool {
	if len(subject) < len(prefix)+len(suffix) {
		return false
	}
	if !equalNoCase(prefix, subject[:len(prefix)]) {
		return false
	}
	start, end := len(prefix), len(subject)-len(suffix)
	if !equalNoCase(subject[end:], suffix) {
		return false
	}
	allowIDNA := false
	if prefix == "" && strings.HasPrefix(suffix, ".") {
		if start == end {
			return false
		}
		allowIDNA = true
	}
	if !allowIDNA && hasCasePrefix(subject, "xn--") {
		return false
	}
	if end == start+1 && subject[start] == '*' {
		return true
	}
	for i := start; i < end; i++ {
		if c := subject[i]; !isAlnum(c) && c != '-' {
			return false
		}
	}
	return true
}
