package xmpp

import (
	"errors"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/idna"

	"github.com/xmpplint/xmpplint/internal/termsafe"
)

// aLabelProfile validates A-labels strictly (RFC 5891 5.4): the Punycode must
// decode, and the U-label it gives must be valid IDNA2008.
var aLabelProfile = idna.New(
	idna.ValidateLabels(true),
	idna.CheckHyphens(true),
	idna.BidiRule(),
	idna.StrictDomainName(false),
)

// lookupProfile maps a user-supplied domain (U-labels or A-labels, any case)
// to its A-label form for matching (RFC 5891 5, UTS 46 mapping as browsers
// and XMPP servers do).
var lookupProfile = idna.New(
	idna.MapForLookup(),
	idna.Transitional(false),
	idna.BidiRule(),
	idna.StrictDomainName(false),
)

// IsASCII reports whether s is all 7-bit ASCII.
func IsASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// HasUpperASCII reports whether s holds an ASCII capital letter.
func HasUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// IsALabel reports whether label has the ACE prefix "xn--" (any case).
func IsALabel(label string) bool {
	return len(label) >= 4 && strings.EqualFold(label[:4], "xn--")
}

// HasALabel reports whether any label of name is an A-label.
func HasALabel(name string) bool {
	for l := range strings.SplitSeq(name, ".") {
		if IsALabel(l) {
			return true
		}
	}
	return false
}

// ValidALabel reports whether an "xn--" label decodes to a valid U-label.
func ValidALabel(label string) bool {
	u, err := aLabelProfile.ToUnicode(strings.ToLower(label))
	return err == nil && u != strings.ToLower(label)
}

// IsLDHLabel reports whether label follows the preferred name syntax
// (RFC 1034 3.5, RFC 1123 2.1): 1 to 63 letters, digits and hyphens, not
// starting or ending with a hyphen.
func IsLDHLabel(label string) bool {
	if len(label) == 0 || len(label) > 63 {
		return false
	}
	if label[0] == '-' || label[len(label)-1] == '-' {
		return false
	}
	for i := 0; i < len(label); i++ {
		c := label[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// DNSNameProblem describes why name is not a DNS name in preferred name
// syntax, or returns "" when it is one. A single trailing dot is accepted (it
// has lints of its own) and, when wildcardOK, so is a left-most label that is
// exactly "*". Labels holding '*' elsewhere are left to the wildcard lints.
func DNSNameProblem(name string, wildcardOK bool) string {
	if name == "" {
		return "empty name"
	}
	if !IsASCII(name) {
		return "non-ASCII characters (a U-label; the A-label form is required)"
	}
	trimmed := strings.TrimSuffix(name, ".")
	if len(trimmed) > 253 {
		return "longer than 253 characters"
	}
	rest := trimmed
	for i, more := 0, true; more; i++ {
		var l string
		l, rest, more = strings.Cut(rest, ".")
		if l == "" {
			return "empty label"
		}
		if strings.Contains(l, "*") {
			if i == 0 && l == "*" && wildcardOK {
				continue
			}
			if wildcardOK {
				continue // the wildcard lints judge '*' placement
			}
			return "label " + quote(l) + " holds '*'"
		}
		if !IsLDHLabel(l) {
			return "label " + quote(l) + " is not letters, digits and inner hyphens of at most 63 characters"
		}
	}
	return ""
}

// WildcardProblem checks the placement of '*' in a DNS-style name: valid only
// as the whole left-most label, once (RFC 9525 6.3). It returns "" when the
// name has no '*' or a valid one. It does not allocate on valid names.
func WildcardProblem(name string) string {
	n := strings.Count(name, "*")
	if n == 0 {
		return ""
	}
	if n > 1 {
		return "more than one '*'"
	}
	first := name
	if dot := strings.IndexByte(name, '.'); dot >= 0 {
		first = name[:dot]
	}
	if first == "*" {
		if len(first) == len(name) {
			return "'*' is the whole name"
		}
		return ""
	}
	if strings.Contains(first, "*") {
		return "partial-label wildcard " + quote(first)
	}
	// The '*' is in a later label: find it for the message.
	rest := name[len(first)+1:]
	for rest != "" {
		label := rest
		if dot := strings.IndexByte(rest, '.'); dot >= 0 {
			label, rest = rest[:dot], rest[dot+1:]
		} else {
			rest = ""
		}
		if strings.Contains(label, "*") {
			return "'*' in label " + quote(label) + ", not the left-most label"
		}
	}
	return ""
}

// IsWildcard reports whether name is a valid `*.<domain>` wildcard.
func IsWildcard(name string) bool {
	return strings.HasPrefix(name, "*.") && WildcardProblem(name) == ""
}

// ServiceNameProblem checks an RFC 6335 5.1 service name: 1 to 15 characters
// of letters, digits and hyphens, at least one letter, no hyphen at either
// end and no two hyphens in a row. It returns "" for a valid name.
func ServiceNameProblem(s string) string {
	switch {
	case s == "":
		return "empty service name"
	case len(s) > 15:
		return "service name longer than 15 characters"
	case s[0] == '-' || s[len(s)-1] == '-':
		return "service name starts or ends with a hyphen"
	case strings.Contains(s, "--"):
		return "service name holds two hyphens in a row"
	}
	letter := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9' || c == '-':
		default:
			return "service name holds " + quote(string(rune(c))) + ", not a letter, digit or hyphen"
		}
	}
	if !letter {
		return "service name has no letter"
	}
	return ""
}

// ToASCII maps a reference domain given by a user (U-labels or A-labels, any
// case, optional trailing dot) to lower-case A-label form.
func ToASCII(domain string) (string, error) {
	if !utf8.ValidString(domain) {
		// x/net/idna maps invalid bytes to U+FFFD and encodes that, which
		// it rejects when written directly (found by FuzzToASCII).
		return "", errors.New("idna: invalid UTF-8")
	}
	domain = strings.TrimSuffix(domain, ".")
	if plainLDH(domain) {
		// The common case, and what the mapping gives for it: lower case.
		return strings.ToLower(domain), nil
	}
	a, err := lookupProfile.ToASCII(domain)
	if err != nil {
		return "", err
	}
	return strings.ToLower(a), nil
}

// PlainLDH reports a name of LDH labels (RFC 1034 3.5, 1 to 63
// characters, at most 253 in all) with no A-label and no "--" in the third
// and fourth positions: a name every IDNA mapping leaves as it is but for
// case, so callers may skip the mapping.
func PlainLDH(name string) bool { return plainLDH(name) }

// plainLDH reports a name of LDH labels (RFC 1034 3.5) without A-labels,
// for which UTS 46 lookup mapping is only lower-casing.
func plainLDH(name string) bool {
	if name == "" || len(name) > 253 {
		return false
	}
	for name != "" {
		label := name
		if dot := strings.IndexByte(name, '.'); dot >= 0 {
			label, name = name[:dot], name[dot+1:]
			if name == "" {
				return false // empty last label
			}
		} else {
			name = ""
		}
		if !IsLDHLabel(label) || IsALabel(label) || (len(label) >= 4 && label[2] == '-' && label[3] == '-') {
			return false
		}
	}
	return true
}

// ToUnicode maps a domain to its U-label form, lower case; invalid A-labels
// are left as they are.
func ToUnicode(domain string) string {
	if d := strings.TrimSuffix(domain, "."); plainLDH(d) {
		// The common case, and what the mapping gives for it (as ToASCII).
		return strings.ToLower(d)
	}
	u, err := lookupProfile.ToUnicode(strings.TrimSuffix(domain, "."))
	if err != nil {
		return strings.ToLower(domain)
	}
	return u
}

// quote writes a label from a certificate between quotes, its control and
// bidi characters and invalid bytes as the visible escapes every other
// output uses (internal/termsafe: \x1b, \x07, \u202e): it was written raw.
func quote(s string) string {
	return "\"" + termsafe.String(strings.ReplaceAll(s, "\"", "\\\"")) + "\""
}
