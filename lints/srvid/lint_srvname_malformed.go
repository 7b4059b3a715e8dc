package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_srvname_malformed",
			Description:   "An SRVName must have the form `_Service.Name`: a leading underscore, an RFC 6335 service name (1-15 letters, digits and inner single hyphens, at least one letter), a dot, and a DNS domain name.",
			Citation:      "RFC 4985 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameMalformed{} },
	})
}

type srvnameMalformed struct{}

// Applies: an IA5String SRVName with some text. An empty value is reported
// by e_xmpp_srvname_empty alone.
func (srvnameMalformed) Applies(v *xmpp.Cert) bool {
	for _, s := range readable(v) {
		if s.Value != "" {
			return true
		}
	}
	return false
}

func (srvnameMalformed) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range readable(v) {
		if s.Value == "" {
			continue
		}
		if p := malformedProblem(s.Value); p != "" {
			f.add(s, "is not `_Service.Name`: %s", p)
		}
	}
	return f.result(lint.Error)
}

// malformedProblem says how value departs from `_Service.Name`, leaving out
// what the specific lints of this package report (see doc.go): '*' anywhere,
// non-ASCII bytes in Name, a `_tcp`/`_udp` label after the service, one
// trailing dot.
func malformedProblem(value string) string {
	if !strings.HasPrefix(value, "_") {
		return "it does not start with '_' and a service label (e.g. \"_xmpp-server." + value + "\")"
	}
	dot := strings.IndexByte(value, '.')
	if dot < 0 {
		return "it has no '.' between the service label and Name"
	}
	service, name := value[1:dot], value[dot+1:]
	if !xmpp.IsASCII(service) {
		return "the service label " + quote(service) + " holds non-ASCII characters"
	}
	// A '*' in the service label is reported by e_xmpp_srvname_wildcard_invalid.
	if p := xmpp.ServiceNameProblem(strings.ReplaceAll(service, "*", "x")); p != "" {
		return "the service label " + quote(service) + " is not an RFC 6335 service name (" + p + ")"
	}
	return nameProblem(name)
}

// nameProblem checks Name as a DNS domain name in preferred name syntax.
func nameProblem(name string) string {
	n := strings.TrimSuffix(name, ".")
	if n == "" {
		return "Name is empty"
	}
	if len(n) > 253 {
		return "Name is longer than 253 characters"
	}
	labels := strings.Split(n, ".")
	if isProtoLabel(labels[0]) {
		labels = labels[1:]
		if len(labels) == 0 {
			return "no domain name follows the protocol label"
		}
	}
	for _, l := range labels {
		switch {
		case l == "":
			return "Name " + quote(name) + " has an empty label"
		case strings.Contains(l, "*"), !xmpp.IsASCII(l):
			// Left to the wildcard and A-label lints.
		case !xmpp.IsLDHLabel(l):
			return "label " + quote(l) + " of Name is not 1 to 63 letters, digits and inner hyphens"
		}
	}
	return ""
}
