package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_srvname_service_not_lowercase",
			Description:   "The service label of an SRVName should be lower case: RFC 9525 6.5 compares it case-insensitively, but Prosody compares it byte for byte with `_xmpp-client`/`_xmpp-server`, so an upper-case label never matches there.",
			Citation:      "RFC 9525 6.5; Interop",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameServiceNotLowercase{} },
	})
}

type srvnameServiceNotLowercase struct{}

func (srvnameServiceNotLowercase) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameServiceNotLowercase) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		if xmpp.HasUpperASCII(s.Service) {
			f.add(s, "has upper case in the service label %q: Prosody compares it case-sensitively and never matches it (write %q)", "_"+s.Service, "_"+strings.ToLower(s.Service))
		}
	}
	return f.result(lint.Warn)
}
