package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_srvname_includes_proto_label",
			Description:   "An SRVName is `_Service.Name` without the DNS SRV protocol label: `_xmpp-server._tcp.example.org` copies the SRV owner name and matches no reference identifier.",
			Citation:      "RFC 4985 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameIncludesProtoLabel{} },
	})
}

type srvnameIncludesProtoLabel struct{}

func (srvnameIncludesProtoLabel) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameIncludesProtoLabel) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		label := firstLabel(s.Name)
		if !isProtoLabel(label) {
			continue
		}
		rest := strings.TrimPrefix(s.Name[len(label):], ".")
		if rest == "" {
			f.add(s, "has the protocol label %q in place of Name: it copies a DNS SRV owner name", label)
			continue
		}
		f.add(s, "has the protocol label %q after the service: it copies the DNS SRV owner name; the SRV-ID is %q", label, "_"+s.Service+"."+rest)
	}
	return f.result(lint.Error)
}
