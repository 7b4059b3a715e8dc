package xmppaddr

import (
	"fmt"
	"strings"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "n_xmpp_xmppaddr_not_canonical",
			Description:   "Each part of an XmppAddr should be written in the form PRECIS enforcement gives it (RFC 7622 3.2.2, 3.3): lower case where the profile maps case, no full-width characters, NFC.",
			Citation:      "RFC 7622 3.2.2, 3.3",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC7622Date,
		},
		Applies: xmpp.AppliesAny,
		New:     func() xmpp.Lint { return xmppaddrNotCanonical{} },
	})
}

type xmppaddrNotCanonical struct{}

func (xmppaddrNotCanonical) Applies(v *xmpp.Cert) bool { return hasReadable(v) }

// Check reads the canonical forms computed for valid JIDs; an invalid JID
// has none and is reported by e_xmpp_xmppaddr_invalid_jid.
func (xmppaddrNotCanonical) Check(v *xmpp.Cert) *lint.LintResult {
	var f findings
	for _, x := range readable(v) {
		if len(x.JID.NonCanonical) == 0 {
			continue
		}
		parts := make([]string, len(x.JID.NonCanonical))
		for i, p := range x.JID.NonCanonical {
			parts[i] = fmt.Sprintf("the %s %q enforces to %q", p.Part, p.Written, p.Enforced)
		}
		f.add(x, "is not in its PRECIS-enforced form: %s", strings.Join(parts, ", "))
	}
	return f.result(lint.Notice)
}
