package cnid

import (
	"strconv"
	"strings"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// domainLike returns the lower-case A-label form of a CN that reads as a
// domain name, and whether it does. A CN is domain-like when, without one
// trailing dot, it is a DNS name in preferred name syntax with at least one
// dot, or a valid `*.<domain>` wildcard, and its last label is not all
// digits (that is an IPv4 address). A CN in U-labels counts when IDNA maps
// it to such a name, so that "bücher.example" is compared with the DNS-ID
// "xn--bcher-kva.example". Person names ("Juliet Capulet"), single labels
// ("localhost") and email addresses are not domain-like.
func domainLike(cn string) (string, bool) {
	t := strings.TrimSuffix(cn, ".")
	if !xmpp.IsASCII(t) {
		a, err := xmpp.ToASCII(t)
		if err != nil {
			return "", false
		}
		t = a
	}
	if xmpp.DNSNameProblem(t, true) != "" || xmpp.WildcardProblem(t) != "" {
		return "", false
	}
	dot := strings.LastIndexByte(t, '.')
	if dot < 0 || allDigits(t[dot+1:]) {
		return "", false
	}
	return strings.ToLower(t), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// quotedList renders values as `"a", "b"`.
func quotedList(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return xmpp.Few(q, ", ")
}
