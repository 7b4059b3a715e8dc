package main

import (
	"strings"
	"testing"
)

// A self-signed server certificate with a bare-domain XmppAddr, as
// `openssl req -x509` and `prosodyctl cert generate` make it: the lint and
// the ejabberd verdicts give one answer, and both say it rests on the
// peer trusting the certificate.
func TestSelfSignedXmppAddrOneAnswer(t *testing.T) {
	r := xmpplint(t, pemOf(t, "xmppaddr-server-bare-domain-self-signed"), "lint", "--color", "never", "-")
	for _, frag := range []string{
		"WARN   w_xmpp_server_xmppaddr_breaks_ejabberd",
		"the self-signed server certificate has the bare-domain XmppAddr \"example.org\" (UTF8String): a peer that trusts it",
		"ejabberd         crash    crash    crash",
		"no dialback fallback; assumes the verifier trusts this self-signed certificate",
	} {
		if !strings.Contains(r.stdout, frag) {
			t.Errorf("output lacks %q:\n%s", frag, r.stdout)
		}
	}
	// A CA-signed one: the same answer, with no word of pinning.
	r = xmpplint(t, pemOf(t, "xmppaddr-server-bare-domain"), "lint", "--color", "never", "-")
	if !strings.Contains(r.stdout, "WARN   w_xmpp_server_xmppaddr_breaks_ejabberd") || !strings.Contains(r.stdout, "ejabberd         crash") ||
		strings.Contains(r.stdout, "self-signed") {
		t.Errorf("CA-signed:\n%s", r.stdout)
	}
}
