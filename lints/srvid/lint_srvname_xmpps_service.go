package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_srvname_xmpps_service",
			Description:   "XEP-0368 keeps `_xmpp-client`/`_xmpp-server` as the reference identifiers of direct-TLS connections, so an SRV-ID for `_xmpps-client` or `_xmpps-server` never matches.",
			Citation:      "XEP-0368 3; RFC 6120 13.7.1.2.1",
			Source:        xmpp.SourceXEP,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameXmppsService{} },
	})
}

type srvnameXmppsService struct{}

func (srvnameXmppsService) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameXmppsService) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		svc := strings.ToLower(s.Service)
		if svc == "xmpps-client" || svc == "xmpps-server" {
			f.add(s, "names the direct-TLS service %q, which no client or server uses as a reference identifier: write %q", "_"+s.Service, "_xmpp-"+svc[len("xmpps-"):]+"."+s.Name)
		}
	}
	return f.result(lint.Warn)
}
