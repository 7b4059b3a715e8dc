package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_server_xmppaddr_breaks_ejabberd",
			Description:   "A bare-domain UTF8String XmppAddr in a server certificate crashes ejabberd's s2s certificate check in both directions, with no fallback to dialback, once the chain verifies: a CA-signed certificate, or a self-signed one the peer trusts (observed on ejabberd 23.01, 24.12 and 26.07: every ejabberd model).",
			Citation:      "Interop",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesServer,
		Scope:   xmpp.ScopeS2S,
		New:     func() xmpp.Lint { return serverXmppaddrBreaksEjabberd{} },
	})
}

type serverXmppaddrBreaksEjabberd struct{}

// Applies: a bare-domain XmppAddr encoded as UTF8String (other string types
// are skipped: ejabberd's code path that crashes reads UTF8String values).
func (serverXmppaddrBreaksEjabberd) Applies(v *xmpp.Cert) bool { return len(bareDomains(v)) > 0 }

// Check warns on CA-signed and self-signed certificates alike, as the
// federation verdicts judge them: verdicts assume the chain ends at a root
// the verifier trusts, and a self-signed certificate a peer trusts (pinned,
// or added to its CA file, as self-signed XMPP deployments do) passes
// OpenSSL's verification and reaches the crash (self-signed: issuer =
// subject, xmpp.SelfIssued, as the verdicts tell it). The text says when the
// warning rests on that trust, as the verdicts' reasons do. Which values
// crash the check comes from the identity engine's ejabberd model
// (identity.CrashValues), the same that gives the federation verdicts and
// that the identity tests check against ejabberd's own code: a value whose
// domainpart does not map to A-labels (a '*', say) does not crash it.
func (serverXmppaddrBreaksEjabberd) Check(v *xmpp.Cert) *lint.LintResult {
	crash := identity.CrashValues(v, identity.Ejabberd)
	if len(crash) == 0 {
		return xmpp.Pass()
	}
	// A set: every XmppAddr may be a crash value, and comparing each
	// with each was quadratic (1.3 s at 40,000 XmppAddrs, issue 10).
	crashes := make(map[string]struct{}, len(crash))
	for _, c := range crash {
		crashes[c] = struct{}{}
	}
	var xs []xmpp.XmppAddr
	for _, x := range bareDomains(v) {
		if _, ok := crashes[x.Value]; ok {
			xs = append(xs, x)
		}
	}
	s, n := list(xs)
	if xmpp.SelfIssued(v.X) {
		return xmpp.Result(lint.Warn, "the self-signed server certificate has the bare-domain %s %s: a peer that trusts it (as the federation verdicts assume) runs ejabberd's s2s certificate check, which crashes on %s in both directions (observed on ejabberd 23.01, 24.12 and 26.07), with no fallback to dialback; a peer that does not trust it rejects it before that check",
			plural(n, "XmppAddr", "XmppAddrs"), s, plural(n, "it", "them"))
	}
	return xmpp.Result(lint.Warn, "the CA-signed server certificate has the bare-domain %s %s: ejabberd's s2s certificate check crashes on %s in both directions (observed on ejabberd 23.01, 24.12 and 26.07), with no fallback to dialback",
		plural(n, "XmppAddr", "XmppAddrs"), s, plural(n, "it", "them"))
}
