package corpus

import (
	"crypto/x509"
	"time"
)

// webpkiCases exercise the lints of rules.md section H. Web PKI
var webpkiCases = []Case{
	{
		Name:  "webpki-dns-only-server-auth",
		About: "what a public CA issues from 2027: DNS-ID only, EKU serverAuth only",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org")}
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		},
		Expect: map[string]Status{
			"e_xmpp_webpki_xmpp_othername":     Pass,
			"n_xmpp_webpki_client_auth_sunset": Pass,
		},
	},
	{
		Name:  "webpki-dns-only-both-purposes",
		About: "a public-CA-style certificate (DNS-ID only) with serverAuth and clientAuth, as public CAs issued them until 2026",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org")}
		},
		Expect: map[string]Status{
			"e_xmpp_webpki_xmpp_othername":     Pass,
			"n_xmpp_webpki_client_auth_sunset": Notice,
		},
	},
	{
		Name:  "webpki-othernames",
		About: "XMPP SRV-IDs and an XmppAddr in a certificate said to be publicly trusted: the BRs allow neither",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = append(t.SANs, Xmpp("example.org"))
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		},
		Expect: map[string]Status{
			"e_xmpp_webpki_xmpp_othername":     Error,
			"n_xmpp_webpki_client_auth_sunset": Pass,
		},
	},
	{
		Name:  "webpki-client-xmppaddr",
		About: "a client certificate with an XmppAddr: no public CA can issue the otherName",
		Base:  ClientBase,
		Expect: map[string]Status{
			"e_xmpp_webpki_xmpp_othername":     Error,
			"n_xmpp_webpki_client_auth_sunset": NA,
		},
	},
	{
		Name:  "webpki-no-eku",
		About: "a DNS-ID-only server certificate without an EKU extension: the sunset notice has no EKU to look at",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org")}
			t.X509.ExtKeyUsage = nil
		},
		Expect: map[string]Status{
			"n_xmpp_webpki_client_auth_sunset": NA,
			"e_xmpp_webpki_xmpp_othername":     Pass,
		},
	},
	{
		Name:  "webpki-client-auth-after-2027",
		About: "a DNS-ID-only certificate with clientAuth issued after 2027-03-15, when Chrome requires serverAuth-only leaves",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.SANs = []GeneralName{DNS("example.org")}
			t.X509.NotBefore = time.Date(2027, time.April, 1, 0, 0, 0, 0, time.UTC)
			t.X509.NotAfter = time.Date(2027, time.July, 1, 0, 0, 0, 0, time.UTC)
		},
		Expect: map[string]Status{
			"n_xmpp_webpki_client_auth_sunset": Notice,
		},
	},
	{
		Name:  "webpki-ca",
		About: "an intermediate CA certificate: the webpki lints look at server certificates and XMPP otherNames only",
		Base:  CABase,
		Expect: map[string]Status{
			"e_xmpp_webpki_xmpp_othername":     NA,
			"n_xmpp_webpki_client_auth_sunset": NA,
		},
	},
}
