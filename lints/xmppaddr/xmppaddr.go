package xmppaddr

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// readable returns the XmppAddrs whose JID the lints read: well-formed
// UTF8String values.
func readable(v *xmpp.Cert) []xmpp.XmppAddr {
	return xmpp.Keep(v.XmppAddrs, func(x *xmpp.XmppAddr) bool { return x.IsString(xmpp.TagUTF8String) })
}

// bareDomains returns the readable XmppAddrs that are domain JIDs.
func bareDomains(v *xmpp.Cert) []xmpp.XmppAddr {
	return xmpp.Keep(readable(v), (*xmpp.XmppAddr).IsBareDomain)
}

func hasReadable(v *xmpp.Cert) bool {
	for _, x := range v.XmppAddrs {
		if x.IsString(xmpp.TagUTF8String) {
			return true
		}
	}
	return false
}

// findings collects one clause per offending value and renders them as the
// Details sentence of one result.
type findings []string

func (f *findings) add(x xmpp.XmppAddr, format string, args ...interface{}) {
	*f = append(*f, "XmppAddr "+x.OtherNameValue.String()+" "+fmt.Sprintf(format, args...))
}

// result is Pass when nothing was found, else status with every finding.
func (f findings) result(status lint.LintStatus) *lint.LintResult {
	if len(f) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(status, "%s", strings.Join(f, "; "))
}

// list renders values for a Details sentence about several of them, each
// distinct value once.
func list(xs []xmpp.XmppAddr) string {
	return strings.Join(distinct(xs), ", ")
}

// countDistinct is len(distinct(xs)) without rendering the values: values
// are the same when they render the same.
func countDistinct(xs []xmpp.XmppAddr) int {
	n := 0
	for i := range xs {
		repeat := false
		for j := 0; j < i && !repeat; j++ {
			repeat = same(xs[i].OtherNameValue, xs[j].OtherNameValue)
		}
		if !repeat {
			n++
		}
	}
	return n
}

// same reports whether two values render the same: an undecodable value
// renders as its error, a decoded one as its string type and content.
func same(a, b xmpp.OtherNameValue) bool {
	switch {
	case a.Err != nil || b.Err != nil:
		return a.Err != nil && b.Err != nil && a.Err.Error() == b.Err.Error()
	case a.Value != b.Value:
		return false
	}
	return a.Class == b.Class && a.Tag == b.Tag // xmpp.TagName is one-to-one
}

// distinct returns the rendered values of xs without repeats, in order.
func distinct(xs []xmpp.XmppAddr) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		s := x.OtherNameValue.String()
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// plural picks the singular or plural form for n values.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// domainLabels splits a domainpart, without one trailing dot, into labels.
func domainLabels(domain string) []string {
	return strings.Split(strings.TrimSuffix(domain, "."), ".")
}

// rebuild writes a JID back from its parts.
func rebuild(j xmpp.JIDInfo, domain string) string {
	s := domain
	if j.HasLocal {
		s = j.Local + "@" + s
	}
	if j.HasResource {
		s += "/" + j.Resource
	}
	return s
}

// quote renders s for Details, as %q does.
func quote(s string) string { return strconv.Quote(s) }
