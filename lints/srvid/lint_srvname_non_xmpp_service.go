package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_srvname_non_xmpp_service",
			Description:   "An SRV-ID for a service other than `_xmpp-client`, `_xmpp-server` (or their XEP-0368 `_xmpps-` forms) plays no part in XMPP authentication.",
			Citation:      "RFC 6120 13.7.1.2.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameNonXMPPService{} },
	})
}

type srvnameNonXMPPService struct{}

// xmppServices are the XMPP service labels, lower case (RFC 6120 3.2.1,
// XEP-0368 3).
var xmppServices = map[string]bool{
	"xmpp-client": true, "xmpp-server": true, "xmpps-client": true, "xmpps-server": true,
}

func (srvnameNonXMPPService) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameNonXMPPService) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		// A '*' in the service label is e_xmpp_srvname_wildcard_invalid's.
		if !xmppServices[strings.ToLower(s.Service)] && !strings.Contains(s.Service, "*") {
			f.add(s, "is for the service %q, not an XMPP service (_xmpp-client, _xmpp-server)", "_"+s.Service)
		}
	}
	return f.result(lint.Notice)
}
