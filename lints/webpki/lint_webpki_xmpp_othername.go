package webpki

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "e_xmpp_webpki_xmpp_othername",
			Description: "A certificate meant for public trust must not carry an XmppAddr or SRVName otherName: the CA/B Forum " +
				"BRs allow only dNSName and iPAddress SAN entries, so DNS-ID is the only XMPP identity a public CA can issue. " +
				"Whether a certificate is publicly trusted cannot be told from the certificate alone: selecting the webpki " +
				"profile is the user's statement that it is. Applies to server certificates and to any certificate with an " +
				"SRVName or XmppAddr.",
			Citation: "CABF BR 7.1.2.7.12",
			Source:   xmpp.SourceCABF,
			// The BRs have allowed only dNSName and iPAddress SAN entries since
			// version 1.0 (as zlint's e_ext_san_other_name_present has it);
			// 7.1.2.7.12 is where SC-62 (2023) put the rule.
			EffectiveDate: xmpp.CABFBR1Date,
		},
		Applies: xmpp.AppliesAny,
		Profile: xmpp.ProfileWebPKI,
		New:     func() xmpp.Lint { return xmppOtherName{} },
	})
}

type xmppOtherName struct{}

func (xmppOtherName) Applies(v *xmpp.Cert) bool { return v.IsServer() || v.HasXMPPIdentity() }

func (xmppOtherName) Check(v *xmpp.Cert) *lint.LintResult {
	ns := len(v.SRVNames)
	n := ns + len(v.XmppAddrs)
	if n == 0 {
		return xmpp.Pass()
	}
	found := xmpp.FewOf(n, ", ", func(i int) string {
		if i < ns {
			return "SRVName " + v.SRVNames[i].String()
		}
		return "XmppAddr " + v.XmppAddrs[i-ns].String()
	})
	return xmpp.Result(lint.Error, "otherName %s in a certificate meant for public trust: CABF BR 7.1.2.7.12 allows only dNSName and iPAddress SAN entries, so a public CA cannot issue such entries (use DNS-IDs)", found)
}
