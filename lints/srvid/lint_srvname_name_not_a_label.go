package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_srvname_name_not_a_label",
			Description:   "The Name of an SRVName is written in A-labels (RFC 4985 3): it must hold only ASCII, and each `xn--` label must be a valid A-label.",
			Citation:      "RFC 4985 3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameNameNotALabel{} },
	})
}

type srvnameNameNotALabel struct{}

func (srvnameNameNotALabel) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameNameNotALabel) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		name := trimmedName(s)
		if !xmpp.IsASCII(name) {
			if a, err := xmpp.ToASCII(name); err == nil && xmpp.IsASCII(a) {
				f.add(s, "has non-ASCII characters in Name %q: an SRVName carries A-labels (%q)", name, "_"+s.Service+"."+a)
			} else {
				f.add(s, "has non-ASCII characters in Name %q, which has no A-label form", name)
			}
			continue
		}
		for l := range strings.SplitSeq(name, ".") {
			if xmpp.IsALabel(l) && !xmpp.ValidALabel(l) {
				f.add(s, "has the label %q in Name, which is not a valid A-label", l)
				break
			}
		}
	}
	return f.result(lint.Error)
}
