package eku

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_eku_xmppaddr_purpose",
			Description:   "The EKU lists id-on-xmppAddr as a key purpose: RFC 6120 allows it, but OpenSSL-based servers look only for serverAuth and clientAuth (anyExtendedKeyUsage does not count either), so the purpose is ignored, and alone it makes them reject the certificate.",
			Citation:      "RFC 6120 13.7.1.4",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return ekuXmppAddrPurpose{} },
	})
}

type ekuXmppAddrPurpose struct{}

func (ekuXmppAddrPurpose) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (ekuXmppAddrPurpose) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.XmppAddrPurpose {
		return xmpp.Pass()
	}
	if !v.EKU.AllowsSSLServer() && !v.EKU.AllowsSSLClient() {
		return xmpp.Result(lint.Notice, "EKU [%s] lists id-on-xmppAddr as a key purpose without serverAuth or clientAuth: OpenSSL-based servers (Prosody, ejabberd, Metronome) reject the certificate for both TLS purposes", v.EKU)
	}
	return xmpp.Result(lint.Notice, "EKU [%s] lists id-on-xmppAddr as a key purpose: allowed by RFC 6120, but OpenSSL-based servers ignore it and look only for serverAuth and clientAuth", v.EKU)
}
