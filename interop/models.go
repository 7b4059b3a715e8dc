// Package interop predicts what deployed XMPP verifiers do with a
// certificate (rules.md section K): per verifier model and per direction, a
// verdict (accept, reject or crash) with a one-line reason.
//
// The models are one table, Models; each row says which OpenSSL purpose the
// verifier applies to its peer's certificate in each direction, which
// identity rules (package identity, the engine the identity lints use too)
// it matches the domain with, and where that behaviour comes from.
//
// Assumptions and decisions:
//   - Verdicts assume the presented chain ends at a root the verifier
//     trusts; whether a root is trusted is a separate question, answered
//     with the user's own trust store. A self-signed leaf is judged as if
//     pinned (trusted by the verifier), and the reason of each of its
//     verdicts says that it rests on that trust.
//   - The purpose is checked at the leaf (EKU and keyUsage) and at every
//     presented CA certificate (EKU, and check_ca: keyCertSign, cA), as
//     OpenSSL does at every depth. Measured with openssl verify 3.0.19: an
//     intermediate with no EKU passes both purposes; one with only
//     anyExtendedKeyUsage fails both, as it does at the leaf; a presented
//     root's EKU is checked too. Netscape certificate types are not modelled.
//   - Without a domain, identity is not judged and the reason says so. With
//     several domains, every one must match.
//   - c2s: for a server certificate, a client built on the model's stack
//     (TLS client: sslserver; identity for xmpp-client; for Prosody the
//     `prosodyctl check certs` call with "_xmpp-client", which does read
//     XmppAddr). For a client certificate (role client), the model as a c2s
//     server offering SASL EXTERNAL: Prosody's core offers none (reject);
//     ejabberd verifies with OpenSSL's server-side default (sslclient; kept
//     for the ejabberd model, whose change concerns s2s) and maps the account
//     with get_username; openssl-default checks the purpose and leaves the
//     account mapping to the application.
//   - openssl-default matches host names as X509_check_host does in OpenSSL
//     3.x with flags 0, checked against openssl verify -verify_hostname:
//     partial-label wildcards are accepted, and the CN is read when the
//     certificate has no dNSName (an SRV-ID or XmppAddr does not stop it).
//     OpenSSL's development branch stops reading the CN by default.
//   - ejabberd's crash on a bare-domain UTF8String XmppAddr happens after
//     the chain verified and before any name is compared, whatever the
//     domain, in both s2s directions and in its client code (c2s); the
//     user-certificate path (get_xmpp_addrs) does not crash. Reject
//     verdicts on s2s may still end in dialback; a crash does not.
//   - A CA certificate (role ca) gets no verdicts: verdicts are for leaves.
//     Force the role to server for a self-signed server certificate with
//     cA=TRUE and only a DNS-ID.
package interop

import (
	"github.com/xmpplint/xmpplint/identity"
)

// Direction is the connection a certificate is judged on.
type Direction string

// Directions.
const (
	// S2SIn: the certificate is presented by the initiating server and
	// judged by the receiver (the receiver is the TLS server).
	S2SIn Direction = "s2s-in"
	// S2SOut: the certificate is presented by the receiving server and
	// judged by the initiator (the initiator is the TLS client).
	S2SOut Direction = "s2s-out"
	// C2S: for a server certificate, judged by a client built on the
	// model's stack (TLS client: sslserver purpose; identity for
	// xmpp-client). For a client certificate (role client), judged by the
	// model as a c2s server offering SASL EXTERNAL (TLS server: sslclient
	// purpose; the XmppAddr maps the certificate to an account).
	C2S Direction = "c2s"
)

// Directions lists the directions in output order.
var Directions = []Direction{S2SIn, S2SOut, C2S}

// Purpose is an OpenSSL verification purpose (crypto/x509/v3_purp.c).
type Purpose string

// Purposes.
const (
	// SSLServer: the peer is a TLS server. With an EKU present, the leaf
	// and every CA of the chain need serverAuth (or a Server Gated Crypto
	// purpose); keyUsage, when present, must allow digitalSignature,
	// keyEncipherment or keyAgreement at the leaf.
	SSLServer Purpose = "sslserver"
	// SSLClient: the peer is a TLS client. With an EKU present, the leaf
	// and every CA of the chain need clientAuth; keyUsage, when present,
	// must allow digitalSignature or keyAgreement at the leaf.
	SSLClient Purpose = "sslclient"
)

// UserAuth is how a model, as a c2s server, takes a user's certificate for
// SASL EXTERNAL.
type UserAuth int

// User certificate handling.
const (
	// UserAuthNone: the model offers no c2s certificate authentication;
	// NoUserAuth says why.
	UserAuthNone UserAuth = iota
	// UserAuthEjabberd: xmpp_stream_pkix.erl get_username: the requested
	// username is accepted when an XmppAddr names it in the domain, when a
	// bare-domain XmppAddr of the domain is present (a "global" identity),
	// or when the certificate has no XmppAddr at all.
	UserAuthEjabberd
	// UserAuthPurposeOnly: the TLS library checks the purpose; mapping the
	// certificate to an account is left to the application.
	UserAuthPurposeOnly
)

// Model is one deployed verifier: a row of Models.
type Model struct {
	// Name is the model's key in verdicts ("prosody-0.12"...).
	Name string
	// Software names the verifier in reasons ("Prosody 0.12").
	Software string
	// Versions says which releases behave as the model; the builds the
	// model was last checked against are in Verified.
	Versions string
	// S2SIn and S2SOut are the purposes applied to the peer's certificate
	// as receiver and as initiator; C2SServer is the purpose a client on
	// this stack applies to a server certificate; C2SUser is the purpose
	// the model as a c2s server applies to a user's certificate.
	S2SIn, S2SOut, C2SServer, C2SUser Purpose
	// UserAuth is how a user's certificate is mapped to an account;
	// NoUserAuth is the reason when the model offers none.
	UserAuth   UserAuth
	NoUserAuth string
	// Identity are the rules the model matches the domain with.
	Identity identity.Rules
	// Source cites where the behaviour comes from.
	Source string
}

// Models is the table of verifier models (rules.md K). Add a verifier by
// adding a row; everything else derives from this table.
var Models = []Model{
	{
		Name:       "prosody-0.12",
		Software:   "Prosody 0.12",
		Versions:   "Prosody 0.12 (Debian 12's 0.12.3); earlier releases read the CN the same way",
		S2SIn:      SSLServer,
		S2SOut:     SSLServer,
		C2SServer:  SSLServer,
		UserAuth:   UserAuthNone,
		NoUserAuth: "Prosody 0.12 core offers no c2s SASL EXTERNAL (mod_saslauth offers EXTERNAL on s2s only; community module mod_auth_ccert needed)",
		Identity:   identity.Prosody012,
		Source: "rules.md K; Prosody 0.12.3 core/certmanager.lua (verifyext lsec_ignore_purpose: LuaSec judges every peer with the sslserver purpose, since 2010), " +
			"modules/mod_s2s_auth_certs.lua, modules/mod_saslauth.lua, util/x509.lua; measured on Prosody 0.12.3",
	},
	{
		Name:       "prosody-13",
		Software:   "Prosody 13",
		Versions:   "Prosody 13.0 (Debian 13's 13.0.1, Debian sid's 13.0.7)",
		S2SIn:      SSLServer,
		S2SOut:     SSLServer,
		C2SServer:  SSLServer,
		UserAuth:   UserAuthNone,
		NoUserAuth: "Prosody 13 core offers no c2s SASL EXTERNAL (community module mod_auth_ccert needed)",
		Identity:   identity.Prosody13,
		Source:     "rules.md K (as Prosody 0.12, but the CN is ignored); checked against Prosody 13.0.1 and 13.0.7 by integration/ (interop.Verified)",
	},
	{
		Name:     "ejabberd-legacy",
		Software: "legacy ejabberd",
		Versions: "ejabberd with OpenSSL's default purposes on s2s: upstream releases before 25.07 without Debian's backport " +
			"of \"ignore cert purpose for incoming s2s connections\", e.g. Debian 12's 23.01",
		S2SIn:     SSLClient,
		S2SOut:    SSLServer,
		C2SServer: SSLServer,
		C2SUser:   SSLClient,
		UserAuth:  UserAuthEjabberd,
		Identity:  identity.Ejabberd,
		Source: "rules.md K; ejabberd 23.01 with fast_tls keeps OpenSSL's default purposes (sslclient for the peer of a TLS server, sslserver for the peer of a TLS client); " +
			"processone/xmpp src/xmpp_stream_pkix.erl authenticate, verify_cert, get_username; measured on ejabberd 23.01",
	},
	{
		Name:     "ejabberd",
		Software: "ejabberd",
		Versions: "ejabberd that checks the peer with the sslserver purpose in both s2s directions: upstream 25.07 and later " +
			"(Debian sid's 26.07), and Debian 13's 24.12-3+deb13u2, which backports \"ignore cert purpose for incoming s2s connections\" (2026-03-15)",
		S2SIn:     SSLServer,
		S2SOut:    SSLServer,
		C2SServer: SSLServer,
		C2SUser:   SSLClient,
		UserAuth:  UserAuthEjabberd,
		Identity:  identity.Ejabberd,
		Source: "rules.md K (ejabberd >= 25.07, announced as 25.08, applies sslserver to the peer in both s2s directions; processone/ejabberd issue 4392); " +
			"checked against ejabberd 26.07 and Debian 13's 24.12-3+deb13u2 by integration/ (interop.Verified); " +
			"c2s assumed unchanged (OpenSSL's server-side default, sslclient); identity as ejabberd-legacy",
	},
	{
		Name:      "openssl-default",
		Software:  "OpenSSL",
		Versions:  "OpenSSL 3.x with its default purposes and X509_check_host flags 0 (checked with openssl verify 3.0.19)",
		S2SIn:     SSLClient,
		S2SOut:    SSLServer,
		C2SServer: SSLServer,
		C2SUser:   SSLClient,
		UserAuth:  UserAuthPurposeOnly,
		Identity:  identity.OpenSSL,
		Source: "rules.md K; OpenSSL 3.0 ssl/ssl_cert.c ssl_verify_cert_chain (default purpose by side), crypto/x509/v3_purp.c (check_purpose_ssl_client, check_purpose_ssl_server, check_ssl_ca, check_ca), " +
			"crypto/x509/v3_utl.c X509_check_host; checked against openssl verify -purpose and -verify_hostname (3.0.19)",
	},
}

// LookupModel returns the row called name.
func LookupModel(name string) (Model, bool) {
	for _, m := range Models {
		if m.Name == name {
			return m, true
		}
	}
	return Model{}, false
}
