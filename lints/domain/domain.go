package domain

import (
	"fmt"
	"strings"

	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// results is the RFC 9525 answer for each domain the user gave, for the
// declared service and SRV targets: the one identity engine the
// federation verdicts use too.
func results(v *xmpp.Cert) []identity.Result { return identity.ForCert(v, identity.RFC9525) }

// anyOf reports whether some result satisfies f.
func anyOf(rs []identity.Result, f func(identity.Result) bool) bool {
	for _, r := range rs {
		if f(r) {
			return true
		}
	}
	return false
}

// each renders the results satisfying f with render, joined by "; ".
func each(rs []identity.Result, f func(identity.Result) bool, render func(identity.Result) string) string {
	var out []string
	for _, r := range rs {
		if f(r) {
			out = append(out, render(r))
		}
	}
	return xmpp.Few(out, "; ")
}

// verifiers says which deployed verifiers (identity.Verifiers, the
// standard left out) find no match for r's domain, and which crash.
func verifiers(v *xmpp.Cert, r identity.Result) string {
	var rejected, crashed []string
	for _, rules := range identity.Verifiers {
		if rules.Name == identity.RFC9525.Name {
			continue
		}
		if _, crash := identity.Crash(v, rules); crash {
			crashed = append(crashed, rules.Name)
			continue
		}
		res, err := identity.Match(v, identity.Query{Domain: r.Domain.Input, Service: r.Service}, rules)
		if err == nil && !res.Matched() {
			rejected = append(rejected, rules.Name)
		}
	}
	var parts []string
	if len(rejected) > 0 {
		parts = append(parts, "no match under the rules of "+strings.Join(rejected, ", "))
	}
	if len(crashed) > 0 {
		parts = append(parts, "the certificate check of "+strings.Join(crashed, ", ")+" crashes")
	}
	if len(parts) == 0 {
		return "every verifier model matches it"
	}
	return strings.Join(parts, "; ")
}

// firstOf renders the first matches of r.
func firstOf(ids []identity.Identifier) string {
	var out []string
	for _, id := range ids {
		out = append(out, id.String())
	}
	return xmpp.Few(out, ", ")
}

// presented summarises the server identities of v for Details.
func presented(v *xmpp.Cert) string {
	var out []string
	for _, d := range v.DNSNames {
		out = append(out, fmt.Sprintf("DNS-ID %q", d))
	}
	for _, s := range v.SRVNames {
		out = append(out, fmt.Sprintf("SRV-ID %s", s.OtherNameValue))
	}
	for _, x := range v.XmppAddrs {
		out = append(out, fmt.Sprintf("XmppAddr %s", x.OtherNameValue))
	}
	for _, cn := range v.CNs {
		out = append(out, fmt.Sprintf("CN %q", cn))
	}
	if len(out) == 0 {
		return "no identity at all"
	}
	return xmpp.Few(out, ", ")
}
