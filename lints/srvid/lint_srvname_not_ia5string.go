package srvid

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_srvname_not_ia5string",
			Description:   "An SRVName otherName must hold an IA5String (RFC 4985 2); a value of another string type, or one that is not a single well-formed ASN.1 string, is no SRV-ID.",
			Citation:      "RFC 4985 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameNotIA5String{} },
	})
}

type srvnameNotIA5String struct{}

func (srvnameNotIA5String) Applies(v *xmpp.Cert) bool { return len(v.SRVNames) > 0 }

// Check judges the ASN.1 tag only: bytes outside 7-bit ASCII inside an
// IA5String are reported by e_xmpp_srvname_malformed (service label) and
// e_xmpp_srvname_name_not_a_label (Name), which say what to write instead.
func (srvnameNotIA5String) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range v.SRVNames {
		switch {
		case s.Err != nil:
			f.add(s, "is not an IA5String")
		case !s.IsString(xmpp.TagIA5String):
			f.add(s, "is a %s, not an IA5String", xmpp.TagName(s.Class, s.Tag))
		}
	}
	return f.result(lint.Error)
}
