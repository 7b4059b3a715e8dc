package webpki

import (
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Dates of the end of clientAuth in publicly-trusted TLS hierarchies.
var (
	// chromeLeafDate: Chrome Root Program policy 1.8 requires leaf
	// certificates issued from this date to be serverAuth-only.
	chromeLeafDate = time.Date(2027, time.March, 15, 0, 0, 0, 0, time.UTC)
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name: "n_xmpp_webpki_client_auth_sunset",
			Description: "clientAuth in a publicly-trusted server certificate is going away: the Chrome Root Program (policy 1.8) " +
				"requires serverAuth-only leaf certificates issued from 2027-03-15 and serverAuth-only subordinate CAs disclosed " +
				"from 2026-06-15, and Let's Encrypt stopped including clientAuth on 2026-02-11. An XMPP server that initiates s2s " +
				"presents its certificate as a TLS client, and receivers that check OpenSSL's sslclient purpose reject a " +
				"certificate without clientAuth, so renewals will break certificate authentication with them. Whether a " +
				"certificate is publicly trusted cannot be told from the certificate alone: selecting the webpki profile is the " +
				"user's statement that it is. Applies to server certificates with an EKU extension.",
			Citation: "Chrome Root Program 1.8",
			Source:   xmpp.SourceChrome,
			// The notice concerns the renewal of every publicly-trusted
			// certificate with clientAuth, whatever its issue date.
			EffectiveDate: xmpp.CABFBR1Date,
		},
		Applies: xmpp.AppliesServer,
		Profile: xmpp.ProfileWebPKI,
		New:     func() xmpp.Lint { return clientAuthSunset{} },
	})
}

type clientAuthSunset struct{}

func (clientAuthSunset) Applies(v *xmpp.Cert) bool { return v.EKU.Present }

func (clientAuthSunset) Check(v *xmpp.Cert) *lint.LintResult {
	if !v.EKU.ClientAuth {
		return xmpp.Pass()
	}
	when := "its renewals will lose clientAuth"
	if !v.X.NotBefore.Before(chromeLeafDate) {
		when = "this certificate, issued on or after 2027-03-15, is already outside Chrome's policy"
	}
	return xmpp.Result(lint.Notice,
		"EKU [%s] has clientAuth in a publicly-trusted server certificate: Chrome Root Program 1.8 requires serverAuth-only leaves issued from 2027-03-15 "+
			"(and serverAuth-only subordinate CAs disclosed from 2026-06-15), and Let's Encrypt dropped clientAuth on 2026-02-11, so %s; "+
			"an initiating s2s server presents this certificate as a TLS client, and receivers checking OpenSSL's sslclient purpose "+
			"(legacy ejabberd, i.e. upstream < 25.07 without Debian 13's backport such as Debian 12's 23.01; Metronome; plain OpenSSL servers) reject certificates without clientAuth",
		v.EKU, when)
}
