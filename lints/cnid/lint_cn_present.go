package cnid

import (
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "n_xmpp_cn_present",
			Description: "The server certificate has a subject CN. RFC 9525 verifiers do not use the CN as an identity " +
				"(Prosody >= 13 ignores it), so only the subjectAltName entries identify the service; the CN is at best redundant.",
			Citation:      "RFC 9525 2",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC9525Date,
		},
		Applies: xmpp.AppliesServer,
		New:     func() xmpp.Lint { return cnPresent{} },
	})
}

type cnPresent struct{}

func (cnPresent) Applies(*xmpp.Cert) bool { return true }

func (cnPresent) Check(v *xmpp.Cert) *lint.LintResult {
	if len(v.CNs) == 0 {
		return xmpp.Pass()
	}
	return xmpp.Result(lint.Notice, "subject CN %s is present: RFC 9525 verifiers and Prosody >= 13 ignore it, only the subjectAltName identifies the service", quotedList(v.CNs))
}
