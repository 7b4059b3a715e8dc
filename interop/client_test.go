package interop_test

import (
	"crypto/x509"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
)

// TestUserCertificates checks c2s for client certificates: the model as a
// c2s server judging a user's certificate for SASL EXTERNAL.
func TestUserCertificates(t *testing.T) {
	t.Parallel()
	type want struct {
		model  string
		out    interop.Outcome
		reason string
	}
	tests := []struct {
		name    string
		change  func(t *corpus.Template)
		role    string
		domains []string
		want    []want
	}{
		{name: "user-jid", domains: []string{"example.org"}, want: []want{
			{"prosody-0.12", interop.Reject, "no c2s SASL EXTERNAL"},
			{"prosody-13", interop.Reject, "no c2s SASL EXTERNAL"},
			{"ejabberd-legacy", interop.Accept, `XmppAddr "juliet@example.org" names the account`},
			{"ejabberd", interop.Accept, "names the account"},
			{"openssl-default", interop.Accept, "does not read XmppAddr"},
		}},
		{name: "no-domain", want: []want{
			{"ejabberd", interop.Accept, "identity not judged"},
		}},
		{name: "server-auth-only", domains: []string{"example.org"},
			change: func(t *corpus.Template) { t.X509.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth} },
			want: []want{
				{"ejabberd", interop.Reject, "EKU [serverAuth] lacks clientAuth: OpenSSL sslclient purpose"},
				{"openssl-default", interop.Reject, "lacks clientAuth"},
			}},
		{name: "key-encipherment-only", domains: []string{"example.org"},
			change: func(t *corpus.Template) { t.X509.KeyUsage = x509.KeyUsageKeyEncipherment },
			want: []want{
				{"ejabberd-legacy", interop.Reject, "allows none of digitalSignature, keyAgreement"},
			}},
		{name: "other-domain", domains: []string{"example.org"},
			change: func(t *corpus.Template) { t.SANs = []corpus.GeneralName{corpus.Xmpp("juliet@other.example")} },
			want: []want{
				{"ejabberd", interop.Reject, "JID mismatch"},
			}},
		{name: "bare-domain-global", domains: []string{"example.org"}, role: "client",
			change: func(t *corpus.Template) { t.SANs = []corpus.GeneralName{corpus.Xmpp("example.org")} },
			want: []want{
				{"ejabberd-legacy", interop.Accept, "global identity"},
			}},
		{name: "no-xmppaddr", domains: []string{"example.org"}, role: "client",
			change: func(t *corpus.Template) { t.SANs = []corpus.GeneralName{corpus.Email("juliet@example.org")} },
			want: []want{
				{"ejabberd", interop.Accept, "whatever username"},
			}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v, _ := xmpptest.Cert(t, corpus.Case{Name: "user-" + tc.name, Base: corpus.ClientBase, Change: tc.change, Role: tc.role, Domains: tc.domains})
			vs := interop.Evaluate(v)
			for _, w := range tc.want {
				got, _ := vs.Get(w.model, interop.C2S)
				if got.Outcome != w.out || !strings.Contains(got.Reason, w.reason) {
					t.Errorf("%s c2s = %s (%s), want %s with %q", w.model, got.Outcome, got.Reason, w.out, w.reason)
				}
			}
		})
	}
}
