package profile

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_end_entity_is_ca",
			Description:   "A certificate carrying an SRV-ID or XmppAddr identifies an XMPP service or user, an end entity: it must not assert basicConstraints cA=TRUE (self-signed certificates made by servers' own tools, or by a plain `openssl req -x509`, often do).",
			Citation:      "RFC 6120 13.7.1.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return endEntityIsCA{} },
	})
}

type endEntityIsCA struct{}

func (endEntityIsCA) Applies(v *xmpp.Cert) bool { return v.HasXMPPIdentity() }

func (endEntityIsCA) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.IsCA() {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "basicConstraints has cA=TRUE in a certificate carrying %s: an XMPP end-entity certificate must not be a CA certificate", firstXMPPIdentity(v))
}

// firstXMPPIdentity names the first SRV-ID or XmppAddr for Details.
func firstXMPPIdentity(v *xmpp.Cert) string {
	if len(v.SRVNames) > 0 {
		return "SRV-ID " + v.SRVNames[0].String()
	}
	if len(v.XmppAddrs) > 0 {
		return "XmppAddr " + v.XmppAddrs[0].String()
	}
	return "no XMPP identity"
}
