package srvid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// readable returns the SRVNames whose text the lints read: well-formed
// IA5String values.
func readable(v *xmpp.Cert) []xmpp.SRVName {
	return xmpp.Keep(v.SRVNames, func(s *xmpp.SRVName) bool { return s.IsString(xmpp.TagIA5String) })
}

// shaped returns the readable SRVNames of the `_Service.Name` shape.
func shaped(v *xmpp.Cert) []xmpp.SRVName {
	return xmpp.Keep(v.SRVNames, func(s *xmpp.SRVName) bool { return s.IsString(xmpp.TagIA5String) && s.Shaped })
}

// hasReadable and hasShaped are the Applies rules of the lints that read
// values and of those that read the service label or Name.
func hasReadable(v *xmpp.Cert) bool {
	for _, s := range v.SRVNames {
		if s.IsString(xmpp.TagIA5String) {
			return true
		}
	}
	return false
}

func hasShaped(v *xmpp.Cert) bool {
	for _, s := range v.SRVNames {
		if s.IsString(xmpp.TagIA5String) && s.Shaped {
			return true
		}
	}
	return false
}

// findings collects one clause per offending value and renders the first
// few, with a count of the rest, as the Details sentence of one result.
type findings struct{ xmpp.Findings }

func (f *findings) add(s xmpp.SRVName, format string, args ...interface{}) {
	f.Add(func() string { return "SRVName " + s.OtherNameValue.String() + " " + fmt.Sprintf(format, args...) })
}

// result is Pass when nothing was found, else status with the findings.
func (f *findings) result(status lint.LintStatus) *lint.LintResult {
	if f.Len() == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(status, "%s", f.Join("; "))
}

// trimmedName is Name without one trailing dot, which has a lint of its own.
func trimmedName(s xmpp.SRVName) string { return strings.TrimSuffix(s.Name, ".") }

// isProtoLabel reports a DNS SRV protocol label (RFC 2782): `_tcp` or `_udp`.
func isProtoLabel(label string) bool {
	return strings.EqualFold(label, "_tcp") || strings.EqualFold(label, "_udp")
}

// firstLabel returns the left-most label of name.
func firstLabel(name string) string {
	if i := strings.IndexByte(name, '.'); i >= 0 {
		return name[:i]
	}
	return name
}

// quote renders s for Details, as %q does.
func quote(s string) string { return strconv.Quote(s) }
