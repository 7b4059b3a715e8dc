package xmppaddr

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_xmppaddr_not_utf8string",
			Description:   "An XmppAddr otherName must hold a UTF8String (RFC 6120 13.7.1.4). The raw tag is checked: zcrypto's UTF-8 unmarshalling silently accepts other string types, XMPP servers do not.",
			Citation:      "RFC 6120 13.7.1.4",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC3920Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrNotUTF8String{} },
	})
}

type xmppaddrNotUTF8String struct{}

func (xmppaddrNotUTF8String) Applies(v *xmpp.Cert) bool { return len(v.XmppAddrs) > 0 }

// Check judges the tag only; content that is not valid UTF-8 is reported by
// e_xmpp_xmppaddr_invalid_jid.
func (xmppaddrNotUTF8String) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range v.XmppAddrs {
		switch {
		case x.Err != nil:
			f.add(x, "is not a UTF8String")
		case !x.IsString(xmpp.TagUTF8String):
			f.add(x, "is a %s, not a UTF8String", xmpp.TagName(x.Class, x.Tag))
		}
	}
	return f.result(lint.Error)
}
