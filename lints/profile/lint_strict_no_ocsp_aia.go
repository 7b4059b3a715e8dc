package profile

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_strict_no_ocsp_aia",
			Description:   "RFC 6120 13.7.1.1 read to the letter: an XMPP server or client certificate should carry an Authority Information Access extension with an id-ad-ocsp entry, so that peers can check its revocation status (public CAs have been moving from OCSP to CRLs).",
			Citation:      "RFC 6120 13.7.1.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServerClient,
		Profile: xmpp.ProfileStrict,
		New:     func() xmpp.Lint { return strictNoOCSPAIA{} },
	})
}

type strictNoOCSPAIA struct{}

// Applies: a CA adds the AIA itself, never a certificate request.
func (strictNoOCSPAIA) Applies(v *xmpp.Cert) bool { return !v.Request }

func (strictNoOCSPAIA) Check(v *xmpp.Cert) *lint.LintResult {
	if len(v.X.OCSPServer) > 0 {
		return xmpp.Pass()
	}
	if len(v.X.IssuingCertificateURL) > 0 {
		return xmpp.Result(lint.Warn, "Authority Information Access has no id-ad-ocsp entry, only caIssuers %q", strings.Join(v.X.IssuingCertificateURL, ", "))
	}
	return xmpp.Result(lint.Warn, "no Authority Information Access extension, hence no id-ad-ocsp entry")
}
