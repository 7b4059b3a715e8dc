//go:build linux

package integration

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestParseLogs checks the log readers on excerpts of real logs (Prosody
// 0.12.3 and ejabberd 23.01 at loglevel debug, ejabberd 26.07 at loglevel
// info, from runs of TestFederation), so that they are tested where the
// servers are not installed. ejabberd 26.07 reports its certificate-check
// crash without a stack: the link comes from the process state.
func TestParseLogs(t *testing.T) {
	t.Parallel()
	type want struct {
		receiver    bool
		l           link
		outcome     string
		detail      string
		established bool
	}
	tests := []struct {
		file  string
		parse func(string) (serverLog, error)
		want  []want
	}{
		{"prosody.log", parseProsody, []want{
			{true, link{"q-server-and-client-auth.example", "prosody.example"}, outAccept, "chain and identity valid", true},
			{true, link{"q-client-auth-only.example", "prosody.example"}, outReject, "certificate is not trusted (depth 0: unsuitable certificate purpose)", false},
			{false, link{"prosody.example", "q-no-eku.example"}, outAccept, "chain and identity valid", true},
			{false, link{"prosody.example", "q-xmppaddr-only.example"}, outReject, "certificate is not valid for this name", false},
			// Prosody accepted ejabberd's certificate; ejabberd then crashed.
			{false, link{"p-xmppaddr-only.example", "ejabberd.example"}, outAccept, "stream then closed: stream closed", false},
		}},
		{"ejabberd.log", parseEjabberd, []want{
			{true, link{"p-no-eku.example", "ejabberd.example"}, outAccept, "inbound EXTERNAL authentication accepted", true},
			{true, link{"p-server-auth-only.example", "ejabberd.example"}, outReject, "unsupported certificate purpose", false},
			{true, link{"p-xmppaddr-only.example", "ejabberd.example"}, outCrash, "badarg in xmpp_stream_pkix:get_cert_domains/1", false},
			{false, link{"ejabberd.example", "p-cn-only.example"}, outAccept, "outbound EXTERNAL authentication accepted", true},
			{false, link{"ejabberd.example", "p-srvid-only.example"}, outReject, "Certificate host name mismatch", false},
			{false, link{"ejabberd.example", "p-xmppaddr-only.example"}, outCrash, "badarg in xmpp_stream_pkix:get_cert_domains/1", false},
		}},
		{"ejabberd-26.07.log", parseEjabberd, []want{
			{true, link{"p-no-eku.example", "ejabberd.example"}, outAccept, "inbound EXTERNAL authentication accepted", true},
			{true, link{"p-client-auth-only.example", "ejabberd.example"}, outReject, "unsupported certificate purpose", false},
			{true, link{"p-xmppaddr-only.example", "ejabberd.example"}, outCrash, "bad_return_value badarg (no stack", false},
			{true, link{"p-dnsid-and-xmppaddr.example", "ejabberd.example"}, outCrash, "bad_return_value badarg (no stack", false},
			{false, link{"ejabberd.example", "p-cn-only.example"}, outAccept, "outbound EXTERNAL authentication accepted", true},
			{false, link{"ejabberd.example", "p-xmppaddr-only.example"}, outCrash, "bad_return_value badarg (no stack", false},
			{false, link{"ejabberd.example", "p-dnsid-and-xmppaddr.example"}, outCrash, "bad_return_value badarg (no stack", false},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel()
			got, err := tc.parse(filepath.Join("testdata", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				table := got.AsInitiator
				if w.receiver {
					table = got.AsReceiver
				}
				j, ok := table[w.l]
				if !ok {
					t.Errorf("%v (receiver %v): no judgement", w.l, w.receiver)
					continue
				}
				if j.Outcome != w.outcome || !strings.Contains(j.Detail, w.detail) || j.Established != w.established {
					t.Errorf("%v (receiver %v) = %+v, want %s containing %q, established %v", w.l, w.receiver, j, w.outcome, w.detail, w.established)
				}
			}
			if n := len(got.AsReceiver) + len(got.AsInitiator); n != len(tc.want) {
				t.Errorf("%d judgements, want %d: %+v", n, len(tc.want), got)
			}
		})
	}
}
