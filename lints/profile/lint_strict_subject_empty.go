package profile

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_strict_subject_empty",
			Description:   "RFC 6120 13.7.1.1 read to the letter: an XMPP server or client certificate must not have an empty subject, even though RFC 5280 allows one when the identity is in a critical subjectAltName.",
			Citation:      "RFC 6120 13.7.1.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServerClient,
		Profile: xmpp.ProfileStrict,
		New:     func() xmpp.Lint { return strictSubjectEmpty{} },
	})
}

type strictSubjectEmpty struct{}

func (strictSubjectEmpty) Applies(*xmpp.Cert) bool { return true }

// emptyName is the DER of a Name with no RDN: an empty SEQUENCE.
var emptyName = []byte{0x30, 0x00}

func (strictSubjectEmpty) Check(v *xmpp.Cert) *lint.LintResult {
	raw := v.X.RawSubject
	if len(raw) != 0 && string(raw) != string(emptyName) {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Error, "the subject is empty (a Name with no RDN): RFC 6120 13.7.1.1, read strictly, does not allow an empty subject in an XMPP certificate")
}
