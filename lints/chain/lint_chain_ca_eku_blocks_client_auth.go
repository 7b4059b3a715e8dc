package chain

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "w_xmpp_chain_ca_eku_blocks_client_auth",
			Description: "A CA certificate in the presented chain has an EKU without clientAuth: OpenSSL checks the purpose at every depth " +
				"(anyExtendedKeyUsage does not count), so receivers that verify the initiating server with the sslclient purpose reject the chain " +
				"at that depth even when the leaf has clientAuth (Let's Encrypt Gen Y intermediates are serverAuth-only).",
			Citation:      "Interop",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesServer,
		Scope:   xmpp.ScopeS2S,
		Needs:   xmpp.NeedsChain,
		New:     func() xmpp.Lint { return chainCAEKUBlocksClientAuth{} },
	})
}

type chainCAEKUBlocksClientAuth struct{}

func (chainCAEKUBlocksClientAuth) Applies(*xmpp.Cert) bool { return true }

func (chainCAEKUBlocksClientAuth) Check(v *xmpp.Cert) *lint.LintResult {
	found := ekuFindings(v, xmpp.EKU.AllowsSSLClient)
	if len(found) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Warn, "CA certificate at %s has no clientAuth: receivers that verify the initiator with OpenSSL's sslclient purpose "+
		"(legacy ejabberd, i.e. upstream < 25.07 without Debian 13's backport such as Debian 12's 23.01; Metronome; plain OpenSSL servers) reject the chain on s2s (\"unsupported certificate purpose\")", join(found))
}
