package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_xmppaddr_domain_with_client_auth",
			Description:   "A bare-domain XmppAddr in a certificate usable for TLS client authentication (clientAuth, or no EKU): ejabberd's c2s SASL EXTERNAL takes such a JID as a domain-wide identity and accepts any username the client asks for.",
			Citation:      "Interop",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrDomainWithClientAuth{} },
	})
}

type xmppaddrDomainWithClientAuth struct{}

// Applies: on a certificate request without an EKU, the EKU is the CA's to
// add, so what the certificate allows is not known yet.
func (xmppaddrDomainWithClientAuth) Applies(v *xmpp.Cert) bool {
	return len(bareDomains(v)) > 0 && (v.EKU.Present || !v.Request)
}

// Check follows OpenSSL's sslclient purpose, which ejabberd applies to
// client certificates: clientAuth, or no EKU; anyExtendedKeyUsage alone does
// not pass it.
func (xmppaddrDomainWithClientAuth) Check(v *xmpp.Cert) *lint.LintResult {
	if v.EKU.Present && !v.EKU.ClientAuth {
		return xmpp.Pass()
	}
	why := "its EKU allows clientAuth"
	if !v.EKU.Present {
		why = "it has no EKU, so any purpose is allowed"
	}
	xs := bareDomains(v)
	s, n := list(xs)
	return xmpp.Result(lint.Warn, "the certificate has the bare-domain %s %s and %s: ejabberd's c2s SASL EXTERNAL takes %s as a domain-wide identity and accepts any username the client asks for",
		plural(n, "XmppAddr", "XmppAddrs"), s, why, plural(n, "it", "them"))
}
