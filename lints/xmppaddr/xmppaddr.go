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

// findings collects one clause per offending value and renders the first
// few, with a count of the rest, as the Details sentence of one result.
type findings struct{ xmpp.Findings }

func (f *findings) add(x xmpp.XmppAddr, format string, args ...interface{}) {
	f.Add(func() string { return "XmppAddr " + x.OtherNameValue.String() + " " + fmt.Sprintf(format, args...) })
}

// result is Pass when nothing was found, else status with the findings.
func (f *findings) result(status lint.LintStatus) *lint.LintResult {
	if f.Len() == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(status, "%s", f.Join("; "))
}

// list renders values for a Details sentence about several of them: the
// first few distinct values, each once, and a count of the others. It
// returns the number of distinct values too.
func list(xs []xmpp.XmppAddr) (string, int) {
	if len(xs) == 1 {
		return xs[0].OtherNameValue.String(), 1
	}
	seen := make(map[valueKey]bool, len(xs))
	var few []string
	n := 0
	for _, x := range xs {
		k := keyOf(x.OtherNameValue)
		if seen[k] {
			continue
		}
		seen[k] = true
		n++
		if len(few) < xmpp.FewItems {
			few = append(few, x.OtherNameValue.String())
		}
	}
	s := strings.Join(few, ", ")
	if n > len(few) {
		s += xmpp.MoreCount(n-len(few), n)
	}
	return s, n
}

// countDistinct is len(distinct(xs)) without rendering the values, in one
// pass: values are the same when they render the same.
func countDistinct(xs []xmpp.XmppAddr) int {
	if len(xs) <= 1 {
		return len(xs) // most certificates: no map to build
	}
	seen := make(map[valueKey]bool, len(xs))
	for _, x := range xs {
		seen[keyOf(x.OtherNameValue)] = true
	}
	return len(seen)
}

// valueKey identifies a value by what it renders as: an undecodable value
// by its error, a decoded one by its string type and content
// (xmpp.TagName is one-to-one).
type valueKey struct {
	undecodable bool
	text        string // the error, or the content
	class, tag  int
}

func keyOf(v xmpp.OtherNameValue) valueKey {
	if v.Err != nil {
		return valueKey{undecodable: true, text: v.Err.Error()}
	}
	return valueKey{text: v.Value, class: v.Class, tag: v.Tag}
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
