package xmpp

import (
	"fmt"
	"sort"
	"strings"

	"github.com/zmap/zlint/v3/lint"
)

// Lint sources of xmpplint. zlint's own source list (RFC5280, CABF_BR, ...)
// does not describe where an XMPP rule comes from, so xmpplint registers its
// lints under the sources below. Every listing, flag and document derives
// from the Sources table; nothing else enumerates them.
const (
	// SourceRFC: an IETF RFC (RFC 6120, RFC 7622, RFC 4985, RFC 9525, RFC 5280...).
	SourceRFC lint.LintSource = "XMPP_RFC"
	// SourceXEP: an XMPP Standards Foundation XEP in force (XEP-0178, XEP-0368).
	SourceXEP lint.LintSource = "XMPP_XEP"
	// SourceXEPPR: XEP-0178 pull request 1501 (proposed version 1.3, not merged).
	SourceXEPPR lint.LintSource = "XMPP_XEP_PR"
	// SourceCABF: the CA/Browser Forum Baseline Requirements.
	SourceCABF lint.LintSource = "XMPP_CABF"
	// SourceChrome: the Chrome Root Program policy.
	SourceChrome lint.LintSource = "XMPP_Chrome"
	// SourceInterop: behaviour of deployed XMPP servers, measured.
	SourceInterop lint.LintSource = "XMPP_Interop"
)

// SourceInfo describes one lint source.
type SourceInfo struct {
	Source lint.LintSource
	// Short is the name users type on the command line (rfc, xep, ...).
	Short       string
	Description string
}

// Sources is the table of xmpplint's lint sources.
var Sources = []SourceInfo{
	{SourceRFC, "rfc", "IETF RFCs: RFC 6120 (XMPP Core), RFC 7622 (JIDs), RFC 4985 (SRVName), RFC 9525 (service identity), RFC 5280 (PKIX), RFC 8446 (TLS 1.3)"},
	{SourceXEP, "xep", "XMPP Standards Foundation extensions in force: XEP-0178 (SASL EXTERNAL and certificates), XEP-0368 (direct TLS)"},
	{SourceXEPPR, "xep-pr", "XEP-0178 pull request 1501 (proposed version 1.3, not yet merged): servers require serverAuth of their peer in both directions"},
	{SourceCABF, "cabf", "CA/Browser Forum Baseline Requirements for publicly-trusted TLS server certificates"},
	{SourceChrome, "chrome", "Chrome Root Program policy 1.8: serverAuth-only hierarchies"},
	{SourceInterop, "interop", "Behaviour of deployed XMPP servers (Prosody, ejabberd, Metronome, OpenSSL-based servers), measured"},
}

// ParseSources turns a comma-separated list of source names into sources.
// Both the short names of the Sources table and the full LintSource strings
// are accepted, case-insensitively. zlint's SourceList.FromString rejects
// sources it does not know, which is why xmpplint parses its own.
func ParseSources(list string) ([]lint.LintSource, error) {
	var out []lint.LintSource
	for _, raw := range strings.Split(list, ",") {
		name := strings.TrimSpace(raw)
		if name == "" {
			continue
		}
		found := false
		for _, s := range Sources {
			if strings.EqualFold(name, s.Short) || strings.EqualFold(name, string(s.Source)) {
				out = append(out, s.Source)
				found = true
				break
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown lint source %q (known: %s)", name, strings.Join(SourceNames(), ", "))
		}
	}
	return out, nil
}

// SourceNames returns the short names of all sources, sorted.
func SourceNames() []string {
	names := make([]string, 0, len(Sources))
	for _, s := range Sources {
		names = append(names, s.Short)
	}
	sort.Strings(names)
	return names
}

// LookupSource returns the table entry of s.
func LookupSource(s lint.LintSource) (SourceInfo, bool) {
	for _, info := range Sources {
		if info.Source == s {
			return info, true
		}
	}
	return SourceInfo{}, false
}
