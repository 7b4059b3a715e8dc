package dnsid

import (
	"strconv"
	"strings"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// trimDot drops one trailing dot: the wildcard and syntax checks judge the
// name without it (a trailing dot has a lint of its own).
func trimDot(name string) string { return strings.TrimSuffix(name, ".") }

// quoted renders a DNS-ID for a Details sentence.
func quoted(name string) string { return strconv.Quote(name) }

// list joins Details fragments.
func list(parts []string) string { return xmpp.Few(parts, "; ") }

// labelled renders names as `DNS-ID "a"` or `DNS-IDs "a", "b"`.
func labelled(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoted(n)
	}
	if len(q) == 1 {
		return "DNS-ID " + q[0]
	}
	return "DNS-IDs " + xmpp.Few(q, ", ")
}

// joinAnd joins phrases as "a", "a and b" or "a, b and c".
func joinAnd(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	if len(parts) > xmpp.FewItems {
		return xmpp.Few(parts, ", ")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
