package srvid

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_srvname_empty",
			Description:   "An SRVName must not be empty: RFC 4985 2 defines it as `_Service.Name`, and RFC 5280 4.2.1.6 forbids empty subjectAltName entries.",
			Citation:      "RFC 4985 2; RFC 5280 4.2.1.6",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameEmpty{} },
	})
}

type srvnameEmpty struct{}

func (srvnameEmpty) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

func (srvnameEmpty) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range readable(v) {
		if s.Value == "" {
			f.add(s, "is empty")
		}
	}
	return f.result(lint.Error)
}
