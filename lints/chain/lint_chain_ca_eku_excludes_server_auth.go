package chain

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "e_xmpp_chain_ca_eku_excludes_server_auth",
			Description: "A CA certificate in the presented chain has an EKU without serverAuth: OpenSSL's sslserver purpose, which every " +
				"XMPP client and server applies to a receiving server's certificate, checks the EKU at every depth and rejects the chain. " +
				"Measured with openssl verify -purpose sslserver: anyExtendedKeyUsage alone does not satisfy it at CA depth either.",
			Citation:      "Interop; CABF BR 7.1.2.10.6",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC5280Date,
		},
		Applies: xmpp.AppliesServer,
		Needs:   xmpp.NeedsChain,
		New:     func() xmpp.Lint { return chainCAEKUExcludesServerAuth{} },
	})
}

type chainCAEKUExcludesServerAuth struct{}

func (chainCAEKUExcludesServerAuth) Applies(*xmpp.Cert) bool { return true }

func (chainCAEKUExcludesServerAuth) Check(v *xmpp.Cert) *lint.LintResult {
	found := ekuFindings(v, xmpp.EKU.AllowsSSLServer)
	if len(found) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "CA certificate at %s has no serverAuth: "+
		"OpenSSL's sslserver purpose rejects the chain, so Prosody, ejabberd, OpenSSL-based clients and servers refuse this server certificate", join(found))
}
