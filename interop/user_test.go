package interop_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// idnConfig makes an IDN server certificate the way openssl's manual says
// to write a UTF8String otherName: in a configuration section, with
// FORMAT:UTF8 (on the -addext command line the comma would split the SAN
// list, and "UTF8:bücher.example" alone takes the bytes as Latin-1).
const idnConfig = `[req]
distinguished_name = dn
x509_extensions = ext
prompt = no
[dn]
CN = xn--bcher-kva.example
[ext]
basicConstraints = critical,CA:FALSE
keyUsage = digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = @alt
[alt]
DNS.1 = xn--bcher-kva.example
otherName.1 = 1.3.6.1.5.5.7.8.5;FORMAT:UTF8,UTF8:bücher.example
`

// TestOpenSSLMadeCertificates runs certificates made with the real
// `openssl req -x509` through identity and interop, as a new user would:
// a wildcard, an IDN domain, SRV-ID only, XmppAddr only, and the Latin-1
// trap of -addext UTF8:. Each verdict table is logged.
func TestOpenSSLMadeCertificates(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	const ee = "basicConstraints=critical,CA:FALSE"
	type expect = userExpect
	tests := []struct {
		name    string
		subj    string
		exts    []string
		config  string
		domains []string
		expect  []expect
	}{
		{
			name: "wildcard-for-subdomain", subj: "/CN=*.example.org",
			exts:    []string{ee, "subjectAltName=DNS:*.example.org", "extendedKeyUsage=serverAuth"},
			domains: []string{"chat.example.org"},
			expect: []expect{
				{"prosody-0.12", interop.S2SIn, interop.Accept, `DNS-ID wildcard "*.example.org"`},
				{"ejabberd-legacy", interop.S2SIn, interop.Reject, "lacks clientAuth"},
				{"ejabberd", interop.S2SIn, interop.Accept, "wildcard"},
				{"openssl-default", interop.S2SOut, interop.Accept, "wildcard"},
			},
		},
		{
			name: "wildcard-for-parent", subj: "/CN=*.example.org",
			exts:    []string{ee, "subjectAltName=DNS:*.example.org"},
			domains: []string{"example.org"},
			expect: []expect{
				{"prosody-0.12", interop.S2SIn, interop.Reject, "covers subdomains only"},
				{"ejabberd", interop.S2SOut, interop.Reject, "covers subdomains only"},
				{"openssl-default", interop.C2S, interop.Reject, "covers subdomains only"},
			},
		},
		{
			name: "idn-u-label-domain", config: idnConfig,
			domains: []string{"bücher.example"},
			expect: []expect{
				{"prosody-13", interop.S2SIn, interop.Accept, `DNS-ID "xn--bcher-kva.example"`},
				{"prosody-13", interop.C2S, interop.Accept, "DNS-ID"},
				{"ejabberd-legacy", interop.S2SIn, interop.Crash, `"bücher.example"`},
				{"openssl-default", interop.S2SOut, interop.Accept, "DNS-ID"},
			},
		},
		{
			name: "idn-a-label-domain", config: idnConfig,
			domains: []string{"XN--BCHER-KVA.example."},
			expect: []expect{
				{"prosody-0.12", interop.S2SOut, interop.Accept, "DNS-ID"},
				{"openssl-default", interop.S2SIn, interop.Accept, "DNS-ID"},
			},
		},
		{
			name: "idn-latin1-trap", subj: "/CN=x",
			exts:    []string{ee, "subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:bücher.example"},
			domains: []string{"bücher.example"},
			expect: []expect{
				{"prosody-0.12", interop.C2S, interop.Reject, "host name mismatch"},
				// The mojibake "bÃ¼cher.example" is a valid JID, but its domain
				// has no A-label form, so ejabberd skips it instead of crashing
				// (checked against the real code in identity's tests).
				{"ejabberd", interop.S2SIn, interop.Reject, "host name mismatch"},
			},
		},
		{
			name: "srvid-only", subj: "/",
			exts:    []string{"subjectAltName=otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org"},
			domains: []string{"example.org"},
			expect: []expect{
				{"prosody-0.12", interop.S2SIn, interop.Accept, "SRV-ID"},
				{"prosody-0.12", interop.C2S, interop.Reject, "for another service"},
				{"ejabberd-legacy", interop.S2SIn, interop.Reject, "no SRV-ID support"},
				{"openssl-default", interop.S2SOut, interop.Reject, "no SRV-ID support"},
			},
		},
		{
			name: "xmppaddr-only", subj: "/",
			exts:    []string{"subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org"},
			domains: []string{"example.org"},
			expect: []expect{
				{"prosody-0.12", interop.S2SIn, interop.Reject, "never matched on s2s"},
				{"prosody-0.12", interop.C2S, interop.Accept, "XmppAddr"},
				{"ejabberd-legacy", interop.S2SIn, interop.Crash, "crashes"},
				{"ejabberd", interop.C2S, interop.Crash, "crashes"},
				{"openssl-default", interop.S2SIn, interop.Reject, "no XmppAddr support"},
			},
		},
		{
			name: "xmppaddr-only-no-domain", subj: "/",
			exts: []string{"subjectAltName=otherName:1.3.6.1.5.5.7.8.5;UTF8:example.org"},
			expect: []expect{
				{"prosody-13", interop.S2SIn, interop.Accept, "identity not judged"},
				{"ejabberd", interop.S2SOut, interop.Crash, "crashes"},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if tc.config != "" {
				dir := t.TempDir()
				if err := os.WriteFile(filepath.Join(dir, "req.cnf"), []byte(tc.config), 0o600); err != nil {
					t.Fatal(err)
				}
				ossltest.Run(t, dir, "req", "-x509", "-config", "req.cnf", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
					"-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "365")
				c, _ := ossltest.Load(t, filepath.Join(dir, "cert.pem"))
				runUser(t, xmpptest.Parse(t, c, xmpp.Options{Domains: tc.domains}), tc.expect)
				return
			}
			c, _ := ossltest.SelfSigned(t, tc.subj, tc.exts...)
			runUser(t, xmpptest.Parse(t, c, xmpp.Options{Domains: tc.domains}), tc.expect)
		})
	}
}

// userExpect is one expected verdict: reason is a fragment it must hold.
type userExpect struct {
	model  string
	dir    interop.Direction
	out    interop.Outcome
	reason string
}

func runUser(t *testing.T, v *xmpp.Cert, expects []userExpect) {
	t.Helper()
	for _, r := range identity.ForCert(v, identity.RFC9525) {
		t.Logf("identity %s for %s: matches %v, missed %v, wrong form %v, *.D %v, other service %v",
			r.Domain, r.Service, r.Matches, r.Missed, r.WrongForm, r.WildcardParent, r.OtherService)
	}
	vs := interop.Evaluate(v)
	var b strings.Builder
	for _, m := range vs {
		for _, dv := range m.Directions {
			b.WriteString("\n  " + m.Model + " " + string(dv.Direction) + ": " + string(dv.Outcome) + " (" + dv.Reason + ")")
		}
	}
	t.Logf("role %s, verdicts:%s", v.Role, b.String())
	for _, e := range expects {
		got, ok := vs.Get(e.model, e.dir)
		if !ok {
			t.Errorf("no verdict for %s %s", e.model, e.dir)
			continue
		}
		if got.Outcome != e.out || !strings.Contains(got.Reason, e.reason) {
			t.Errorf("%s %s = %s (%s), want %s with %q", e.model, e.dir, got.Outcome, got.Reason, e.out, e.reason)
		}
	}
}
