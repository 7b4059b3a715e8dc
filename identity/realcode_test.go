package identity_test

import (
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/internal/citest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// realExtra are more shapes for the real-code tests: the values whose
// handling depends on JID and IDNA libraries (XmppAddr and CN read as JIDs
// by ejabberd, nameprep in Prosody).
var realExtra = []matchCase{
	{name: "xmppaddr-bare", sans: []corpus.GeneralName{corpus.Xmpp("example.org")}, domain: "example.org"},
	{name: "xmppaddr-with-dnsid", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("example.org")}, domain: "example.org"},
	{name: "xmppaddr-upper", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("Example.ORG")}, domain: "example.org"},
	{name: "xmppaddr-trailing-dot-crash", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("example.org.")}, domain: "example.org"},
	{name: "xmppaddr-latin1-mojibake", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("bÃ¼cher.example")}, domain: "example.org"},
	{name: "xmppaddr-upper-u-label", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("BÜCHER.example")}, domain: "example.org"},
	{name: "xmppaddr-double-hyphen", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("ab--cd.example")}, domain: "example.org"},
	{name: "xmppaddr-fullwidth", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("ｅｘａｍｐｌｅ.org")}, domain: "example.org"},
	{name: "xmppaddr-leading-hyphen", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("-a.example")}, domain: "example.org"},
	{name: "xmppaddr-long-label", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp(strings.Repeat("a", 64) + ".example")}, domain: "example.org"},
	{name: "xmppaddr-underscore", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("exa_mple.org")}, domain: "example.org"},
	{name: "xmppaddr-a-label-crash", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("xn--bcher-kva.example")}, domain: "example.org"},
	{name: "xmppaddr-wildcard", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("*.example.org")}, domain: "example.org"},
	{name: "xmppaddr-space", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("a b.example")}, domain: "example.org"},
	{name: "xmppaddr-user-and-resource", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.Xmpp("example.org/res")}, domain: "example.org"},
	{name: "xmppaddr-printable", sans: []corpus.GeneralName{corpus.DNS("example.org"), corpus.XmppTagged(corpus.PrintableString, "example.org")}, domain: "example.org"},
	{name: "cn-upper-mixed", cns: []string{"Example.Org"}, domain: "example.org"},
	{name: "cn-trailing-dot", cns: []string{"example.org."}, domain: "example.org"},
	{name: "cn-space", cns: []string{"Example Org"}, domain: "example.org"},
	{name: "cn-resource", cns: []string{"example.org/res"}, domain: "example.org"},
	{name: "cn-a-label", cns: []string{"xn--bcher-kva.example"}, domain: "bücher.example"},
	{name: "cn-after-dnsid", sans: []corpus.GeneralName{corpus.DNS("other.example")}, cns: []string{"example.org"}, domain: "example.org"},
	{name: "uri-and-cn", sans: []corpus.GeneralName{corpus.URI("xmpp:example.org")}, cns: []string{"example.org"}, domain: "example.org"},
	{name: "email-and-cn", sans: []corpus.GeneralName{corpus.Email("admin@example.org")}, cns: []string{"example.org"}, domain: "example.org"},
}

// realCase is one certificate written to disk with its query.
type realCase struct {
	name    string
	file    string
	v       *xmpp.Cert
	host    string // the domain as the servers hold it: U-label, lower case
	service string
}

func writeRealCases(t *testing.T) []realCase {
	t.Helper()
	dir := t.TempDir()
	var out []realCase
	for i, tc := range append(append([]matchCase(nil), matchTable...), realExtra...) {
		v := server(t, tc.sans, tc.cns...)
		d, err := identity.ParseDomain(tc.domain)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(dir, fmt.Sprintf("%02d.pem", i))
		if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: v.X.Raw}), 0o600); err != nil {
			t.Fatal(err)
		}
		out = append(out, realCase{tc.name, file, v, d.ULabel, identity.NormalizeService(tc.service)})
	}
	return out
}

// TestProsodyRealCode runs Prosody's own util/x509.lua verify_identity
// (Debian's prosody package, 0.12.3 here; $PROSODY_LIB to point elsewhere)
// on every identity case and compares it with the Prosody012 rules: service
// xmpp-server is called as mod_s2s_auth_certs calls it ("xmpp-server"),
// xmpp-client as `prosodyctl check certs` does ("_xmpp-client").
func TestProsodyRealCode(t *testing.T) {
	t.Parallel()
	lib := os.Getenv("PROSODY_LIB")
	if lib == "" {
		lib = "/usr/lib/prosody"
	}
	lua, err := exec.LookPath("lua5.4")
	if err != nil {
		citest.Missing(t, "lua5.4 not installed (apt-get install lua5.4)")
	}
	if _, err := os.Stat(filepath.Join(lib, "util", "x509.lua")); err != nil {
		citest.Missing(t, "Prosody's util/x509.lua not found in %s (install Debian's prosody: bash scripts/xmpp-servers; or set PROSODY_LIB)", lib)
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "prosody_verify.lua"))
	for _, rc := range writeRealCases(t) {
		service := "xmpp-server"
		if rc.service == xmpp.ServiceClient {
			service = "_xmpp-client"
		}
		cmd := exec.Command(lua, script, rc.file, rc.host, service)
		cmd.Env = append(os.Environ(), "PROSODY_LIB="+lib)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: lua: %v\n%s", rc.name, err, out)
		}
		real := strings.TrimSpace(string(out)) == "true"
		res, err := identity.Match(rc.v, identity.Query{Domain: rc.host, Service: rc.service}, identity.Prosody012)
		if err != nil {
			t.Fatal(err)
		}
		if res.Matched() != real {
			t.Errorf("%s: Prosody's verify_identity(%q, %q) = %t, prosody-0.12 rules say %t (matches %v, missed %v)",
				rc.name, rc.host, service, real, res.Matched(), res.Matches, res.Missed)
		}
	}
}

// TestEjabberdRealCode runs ejabberd's own name extraction
// (xmpp_stream_pkix:get_cert_domains of the installed processone/xmpp,
// 1.6.1 with ejabberd 23.01 here) on every identity case and compares the
// crash and the match with the Ejabberd rules.
func TestEjabberdRealCode(t *testing.T) {
	t.Parallel()
	escript, err := exec.LookPath("escript")
	if err != nil {
		citest.Missing(t, "escript (Erlang) not installed (apt-get install erlang-base)")
	}
	if matches, _ := filepath.Glob("/usr/lib/erlang/lib/p1_xmpp-*"); len(matches) == 0 {
		citest.Missing(t, "processone/xmpp (Debian's erlang-p1-xmpp, installed with ejabberd: bash scripts/xmpp-servers) not found")
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "ejabberd_names.escript"))
	cases := writeRealCases(t)
	args := []string{script}
	for i, rc := range cases {
		if i > 0 {
			args = append(args, "--")
		}
		args = append(args, rc.file, rc.host)
	}
	out, err := exec.Command(escript, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("escript: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != len(cases) {
		t.Fatalf("escript printed %d lines for %d cases:\n%s", len(lines), len(cases), out)
	}
	for i, rc := range cases {
		real := strings.TrimSpace(lines[i])
		_, crash := identity.Crash(rc.v, identity.Ejabberd)
		if crash != (real == "crash") {
			t.Errorf("%s: ejabberd's get_cert_domains says %q, the Ejabberd rules say crash=%t", rc.name, real, crash)
			continue
		}
		if crash {
			continue
		}
		res, err := identity.Match(rc.v, identity.Query{Domain: rc.host}, identity.Ejabberd)
		if err != nil {
			t.Fatal(err)
		}
		if res.Matched() != (real == "true") {
			t.Errorf("%s: ejabberd matches %q: %s, the Ejabberd rules say %t (matches %v, missed %v)",
				rc.name, rc.host, real, res.Matched(), res.Matches, res.Missed)
		}
	}
}
