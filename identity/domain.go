package identity

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Domain is a reference identifier: an XMPP domain as the user gives it,
// with the two forms the comparisons need.
type Domain struct {
	// Input is the domain as given.
	Input string `json:"input"`
	// ALabel is the lower-case A-label form without a trailing dot: what
	// DNS-IDs, SRV-IDs and CNs are compared with.
	ALabel string `json:"a_label"`
	// ULabel is the U-label form, lower case: what XmppAddrs are compared
	// with (RFC 7622 3.2).
	ULabel string `json:"u_label"`
}

// IDN reports whether the domain is internationalized: some label differs
// between its A-label and U-label forms.
func (d Domain) IDN() bool { return d.ALabel != d.ULabel }

// String renders the domain as given, with its A-label form when that
// differs.
func (d Domain) String() string {
	if d.IDN() && !strings.EqualFold(strings.TrimSuffix(d.Input, "."), d.ALabel) {
		return fmt.Sprintf("%q (%s)", d.Input, d.ALabel)
	}
	return fmt.Sprintf("%q", d.Input)
}

// ParseDomain maps a domain given as U-labels or A-labels, in any case, with
// an optional trailing dot, to its reference forms (RFC 5891 5, UTS 46
// mapping). The A-label form must be a host name (letters, digits and
// inner hyphens); a wildcard, a localpart or a resourcepart is not a domain.
func ParseDomain(s string) (Domain, error) {
	trimmed := strings.TrimSuffix(s, ".")
	if trimmed == "" {
		return Domain{}, errors.New("empty domain")
	}
	if strings.ContainsAny(trimmed, "*@/") {
		return Domain{}, fmt.Errorf("domain %q: not a domain name ('*', '@' or '/')", s)
	}
	a, err := xmpp.ToASCII(trimmed)
	if err != nil {
		return Domain{}, fmt.Errorf("domain %q: %v", s, err)
	}
	if strings.HasSuffix(a, ".") {
		return Domain{}, fmt.Errorf("domain %q: empty label", s)
	}
	if problem := xmpp.DNSNameProblem(a, false); problem != "" {
		return Domain{}, fmt.Errorf("domain %q: %s", s, problem)
	}
	return Domain{Input: s, ALabel: a, ULabel: xmpp.ToUnicode(a)}, nil
}
