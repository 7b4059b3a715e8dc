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
			Description:   "A bare-domain UTF8String XmppAddr in a CA-signed server certificate crashes ejabberd's s2s certificate check in both directions, with no fallback to dialback (measured on ejabberd 23.01; the code is unchanged in processone/xmpp up to 1.13.3).",
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

// Check passes self-signed certificates: issuer equal to subject and the
// signature made by the certificate's own key, as zcrypto determines it
// (v.SelfSigned, asked last: it may verify the signature). A self-signed
// certificate never reaches ejabberd's identity check. Which values crash
// the check comes from the identity engine's ejabberd model
// (identity.CrashValues), the same that gives the federation verdicts and
// that the identity tests check against ejabberd's own code: a value whose
// domainpart does not map to A-labels (a '*', say) does not crash it.
func (serverXmppaddrBreaksEjabberd) Check(v *xmpp.Cert) *lint.LintResult {
	crash := identity.CrashValues(v, identity.Ejabberd)
	if len(crash) == 0 || v.SelfSigned(v.X) {
		return xmpp.Pass()
	}
	var xs []xmpp.XmppAddr
	for _, x := range bareDomains(v) {
		for _, c := range crash {
			if x.Value == c {
				xs = append(xs, x)
				break
			}
		}
	}
	n := countDistinct(xs)
	return xmpp.Result(lint.Warn, "the CA-signed server certificate has the bare-domain %s %s: ejabberd's s2s certificate check crashes on %s in both directions (measured on ejabberd 23.01, code unchanged in processone/xmpp up to 1.13.3), with no fallback to dialback",
		plural(n, "XmppAddr", "XmppAddrs"), list(xs), plural(n, "it", "them"))
}
