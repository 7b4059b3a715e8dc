package srvid

import (
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "w_xmpp_srvname_trailing_dot",
			Description:   "The Name of an SRVName should not end with a dot: Prosody compares it with the domain without removing the dot, so the SRV-ID never matches, and ejabberd does not read SRV-IDs at all.",
			Citation:      "Interop",
			Source:        xmpp.SourceInterop,
			EffectiveDate: xmpp.RFC4985Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return srvnameTrailingDot{} },
	})
}

type srvnameTrailingDot struct{}

func (srvnameTrailingDot) Applies(v *xmpp.Cert) bool { return hasShaped(v) }

func (srvnameTrailingDot) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, s := range shaped(v) {
		if strings.HasSuffix(s.Name, ".") {
			f.add(s, "ends with a dot: Prosody never matches it (it compares the Name with the domain as written), and ejabberd ignores SRV-IDs")
		}
	}
	return f.result(lint.Warn)
}
