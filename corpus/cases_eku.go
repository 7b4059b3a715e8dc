package corpus

import "crypto/x509"

// The lints of rules.md section A, for the Expect maps below.
const (
	lintEKUMissingServerAuth  = "e_xmpp_server_eku_missing_server_auth"
	lintEKUClientAuthOnly     = "e_xmpp_server_eku_client_auth_only"
	lintEKUS2SNoClientAuth    = "w_xmpp_s2s_eku_missing_client_auth"
	lintEKUAbsent             = "w_xmpp_server_eku_absent"
	lintEKUAnyNoPurpose       = "e_xmpp_eku_any_without_purpose"
	lintEKUCriticalWithAny    = "w_xmpp_eku_critical_with_any"
	lintEKUAnyWithServerAuth  = "n_xmpp_eku_any_with_server_auth"
	lintEKUXmppAddrPurpose    = "n_xmpp_eku_xmppaddr_purpose"
	lintEKUClientNoClientAuth = "e_xmpp_client_eku_missing_client_auth"
)

// ekuCases exercise the lints of rules.md section A. Extended Key Usage, leaf
var ekuCases = []Case{
	{
		Name:  "eku-code-signing-only",
		About: "a server certificate whose EKU is codeSigning only: no TLS purpose at all",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}
		},
		Expect: map[string]Status{
			lintEKUMissingServerAuth:  Error,
			lintEKUClientAuthOnly:     Pass,
			lintEKUS2SNoClientAuth:    Pass,
			lintEKUAbsent:             Pass,
			lintEKUAnyNoPurpose:       Pass,
			lintEKUAnyWithServerAuth:  Pass,
			lintEKUXmppAddrPurpose:    Pass,
			lintEKUClientNoClientAuth: NA,
		},
	},
	{
		Name:  "eku-client-auth-only",
		About: "a server certificate whose EKU is clientAuth only: a client credential that legacy OpenSSL receivers accept on s2s",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		},
		Expect: map[string]Status{
			lintEKUClientAuthOnly:    Error,
			lintEKUMissingServerAuth: Pass,
			lintEKUS2SNoClientAuth:   Pass,
			lintEKUAnyNoPurpose:      Pass,
		},
	},
	{
		Name:  "eku-client-cert-forced-server",
		About: "the client base (clientAuth only) linted with role=server: a user certificate deployed as a server certificate",
		Base:  ClientBase,
		Role:  "server",
		Expect: map[string]Status{
			lintEKUClientAuthOnly:     Error,
			lintEKUClientNoClientAuth: NA,
		},
	},
	{
		Name:  "eku-server-auth-only",
		About: "a server certificate whose EKU is serverAuth only (as Let's Encrypt issues since 2026): legacy ejabberd (upstream < 25.07 without Debian 13's backport), Metronome and plain OpenSSL receivers reject it when it initiates s2s",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		},
		Expect: map[string]Status{
			lintEKUS2SNoClientAuth:   Warn,
			lintEKUClientAuthOnly:    Pass,
			lintEKUMissingServerAuth: Pass,
			lintEKUAnyWithServerAuth: Pass,
		},
	},
	{
		Name:  "eku-server-auth-only-s2s",
		About: "a serverAuth-only server certificate declared for s2s only",
		Base:  ServerBase,
		Scope: "s2s",
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		},
		Expect: map[string]Status{
			lintEKUS2SNoClientAuth: Warn,
		},
	},
	{
		Name:  "eku-server-auth-only-c2s",
		About: "a serverAuth-only server certificate declared for c2s only, where it is never presented as a TLS client certificate",
		Base:  ServerBase,
		Scope: "c2s",
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		},
		Expect: map[string]Status{
			lintEKUS2SNoClientAuth:   NA,
			lintEKUMissingServerAuth: Pass,
		},
	},
	{
		Name:  "eku-absent",
		About: "a server certificate without an EKU extension: accepted by every server measured, but XEP-0178 PR 1501 and CABF require one",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = nil
		},
		Expect: map[string]Status{
			lintEKUAbsent:            Warn,
			lintEKUMissingServerAuth: NA,
			lintEKUClientAuthOnly:    NA,
			lintEKUS2SNoClientAuth:   NA,
			lintEKUAnyNoPurpose:      NA,
			lintEKUCriticalWithAny:   NA,
			lintEKUAnyWithServerAuth: NA,
			lintEKUXmppAddrPurpose:   NA,
		},
	},
	{
		Name:  "eku-any-only",
		About: "a server certificate whose EKU is anyExtendedKeyUsage alone, which OpenSSL's sslserver and sslclient purposes both reject",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUAny))
		},
		Expect: map[string]Status{
			lintEKUAnyNoPurpose:      Error,
			lintEKUMissingServerAuth: Pass,
			lintEKUClientAuthOnly:    Pass,
			lintEKUS2SNoClientAuth:   Pass,
			lintEKUAnyWithServerAuth: Pass,
			lintEKUCriticalWithAny:   Pass,
		},
	},
	{
		Name:  "eku-any-and-client-auth",
		About: "a server certificate whose EKU is anyExtendedKeyUsage and clientAuth, without serverAuth",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUAny, OIDEKUClientAuth))
		},
		Expect: map[string]Status{
			lintEKUAnyNoPurpose:   Error,
			lintEKUClientAuthOnly: Pass,
		},
	},
	{
		Name:  "eku-any-with-server-auth",
		About: "a server certificate whose EKU is anyExtendedKeyUsage, serverAuth and clientAuth: works everywhere, but no public CA may issue it",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUAny, OIDEKUServerAuth, OIDEKUClientAuth))
		},
		Expect: map[string]Status{
			lintEKUAnyWithServerAuth: Notice,
			lintEKUAnyNoPurpose:      Pass,
			lintEKUCriticalWithAny:   Pass,
			lintEKUS2SNoClientAuth:   Pass,
		},
	},
	{
		Name:  "eku-any-critical",
		About: "a server certificate with a critical EKU of anyExtendedKeyUsage, serverAuth and clientAuth",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(true, OIDEKUAny, OIDEKUServerAuth, OIDEKUClientAuth))
		},
		Expect: map[string]Status{
			lintEKUCriticalWithAny:   Warn,
			lintEKUAnyWithServerAuth: Notice,
			lintEKUAnyNoPurpose:      Pass,
		},
	},
	{
		Name:  "eku-critical-without-any",
		About: "a server certificate with a critical EKU of serverAuth and clientAuth, which RFC 5280 allows",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(true, OIDEKUServerAuth, OIDEKUClientAuth))
		},
		Expect: map[string]Status{
			lintEKUCriticalWithAny:   Pass,
			lintEKUMissingServerAuth: Pass,
		},
	},
	{
		Name:  "eku-ca-any-critical",
		About: "an intermediate CA certificate with a critical EKU of anyExtendedKeyUsage alone",
		Base:  CABase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(true, OIDEKUAny))
		},
		Expect: map[string]Status{
			lintEKUCriticalWithAny:    Warn,
			lintEKUXmppAddrPurpose:    Pass,
			lintEKUAnyNoPurpose:       NA,
			lintEKUMissingServerAuth:  NA,
			lintEKUAbsent:             NA,
			lintEKUClientNoClientAuth: NA,
		},
	},
	{
		Name:  "eku-xmppaddr-purpose",
		About: "a server certificate whose EKU lists id-on-xmppAddr next to serverAuth and clientAuth",
		Base:  ServerBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUServerAuth, OIDEKUClientAuth, OIDXmppAddr))
		},
		Expect: map[string]Status{
			lintEKUXmppAddrPurpose:   Notice,
			lintEKUMissingServerAuth: Pass,
			lintEKUS2SNoClientAuth:   Pass,
		},
	},
	{
		Name:  "eku-xmppaddr-purpose-only-client",
		About: "a client certificate whose only key purpose is id-on-xmppAddr, which no OpenSSL-based server accepts",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDXmppAddr))
		},
		Expect: map[string]Status{
			lintEKUXmppAddrPurpose:    Notice,
			lintEKUClientNoClientAuth: Error,
			lintEKUAnyNoPurpose:       Pass,
		},
	},
	{
		Name:  "eku-client-any-only",
		About: "a client certificate whose EKU is anyExtendedKeyUsage alone: RFC 5280 allows it, OpenSSL's sslclient purpose does not",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUAny))
		},
		Expect: map[string]Status{
			lintEKUAnyNoPurpose:       Error,
			lintEKUClientNoClientAuth: Pass,
			lintEKUCriticalWithAny:    Pass,
			lintEKUAnyWithServerAuth:  NA,
		},
	},
	{
		Name:  "eku-client-any-and-client-auth",
		About: "a client certificate whose EKU is anyExtendedKeyUsage and clientAuth",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.Extra = append(t.Extra, EKUExtension(false, OIDEKUAny, OIDEKUClientAuth))
		},
		Expect: map[string]Status{
			lintEKUAnyNoPurpose:       Pass,
			lintEKUClientNoClientAuth: Pass,
		},
	},
	{
		Name:  "eku-client-server-auth-only",
		About: "a client certificate whose EKU is serverAuth only",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
		},
		Expect: map[string]Status{
			lintEKUClientNoClientAuth: Error,
			lintEKUAnyNoPurpose:       Pass,
			lintEKUMissingServerAuth:  NA,
			lintEKUS2SNoClientAuth:    NA,
		},
	},
	{
		Name:  "eku-client-absent",
		About: "a client certificate without an EKU extension",
		Base:  ClientBase,
		Change: func(t *Template) {
			t.X509.ExtKeyUsage = nil
		},
		Expect: map[string]Status{
			lintEKUClientNoClientAuth: NA,
			lintEKUAnyNoPurpose:       NA,
			lintEKUAbsent:             NA,
		},
	},
}
