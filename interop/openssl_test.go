package interop_test

import (
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	"github.com/xmpplint/xmpplint/interop"
)

// attime is a fixed verification time inside the corpus validity period.
var attime = time.Date(2026, time.September, 1, 0, 0, 0, 0, time.UTC).Unix()

var (
	oidCodeSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 3}
	oidCN          = asn1.ObjectIdentifier{2, 5, 4, 3}
)

func eku(oids ...asn1.ObjectIdentifier) func(t *corpus.Template) {
	return func(t *corpus.Template) {
		t.X509.ExtKeyUsage = nil
		t.Extra = append(t.Extra, corpus.EKUExtension(false, oids...))
	}
}

func noEKU(t *corpus.Template) { t.X509.ExtKeyUsage = nil }

func keyUsage(ku x509.KeyUsage) func(t *corpus.Template) {
	return func(t *corpus.Template) { t.X509.KeyUsage = ku }
}

func sans(names ...corpus.GeneralName) func(t *corpus.Template) {
	return func(t *corpus.Template) { t.SANs = names }
}

func cns(values ...string) func(t *corpus.Template) {
	return func(t *corpus.Template) {
		for _, v := range values {
			t.X509.Subject.ExtraNames = append(t.X509.Subject.ExtraNames, pkix.AttributeTypeAndValue{Type: oidCN, Value: v})
		}
	}
}

func both(fs ...func(t *corpus.Template)) func(t *corpus.Template) {
	return func(t *corpus.Template) {
		for _, f := range fs {
			f(t)
		}
	}
}

// opensslVerify runs `openssl verify -purpose p` on the leaf with the
// corpus root as trust anchor and the intermediates as untrusted
// certificates, with -verify_hostname when host is set. It returns whether
// verification succeeded and openssl's output.
func opensslVerify(t *testing.T, ders [][]byte, purpose interop.Purpose, host string) (bool, string) {
	t.Helper()
	dir := t.TempDir()
	root, err := corpus.RootDER()
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, blocks ...[]byte) string {
		var b []byte
		for _, der := range blocks {
			b = append(b, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	args := []string{"verify", "-purpose", string(purpose), "-attime", fmt.Sprint(attime), "-CAfile", write("root.pem", root)}
	if len(ders) > 1 {
		args = append(args, "-untrusted", write("chain.pem", ders[1:]...))
	}
	if host != "" {
		args = append(args, "-verify_hostname", host)
	}
	args = append(args, write("leaf.pem", ders[0]))
	out, err := exec.Command(ossltest.Require(t), args...).CombinedOutput()
	return err == nil, strings.TrimSpace(string(out))
}

// TestOpenSSLDifferential checks the openssl-default model against the
// real `openssl verify`: -purpose sslclient for s2s-in (a TLS server
// judging its client), -purpose sslserver for s2s-out, with
// -verify_hostname when a domain is given, on corpus-built chains.
func TestOpenSSLDifferential(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	type tcase struct {
		name   string
		change func(t *corpus.Template)
		chain  []func(t *corpus.Template)
		domain string
	}
	var tests []tcase
	leafEKUs := []struct {
		name   string
		change func(t *corpus.Template)
	}{
		{"eku-both", nil},
		{"eku-none", noEKU},
		{"eku-server", eku(corpus.OIDEKUServerAuth)},
		{"eku-client", eku(corpus.OIDEKUClientAuth)},
		{"eku-any", eku(corpus.OIDEKUAny)},
		{"eku-any-server", eku(corpus.OIDEKUAny, corpus.OIDEKUServerAuth)},
		{"eku-any-client", eku(corpus.OIDEKUAny, corpus.OIDEKUClientAuth)},
		{"eku-code-signing", eku(oidCodeSigning)},
		{"eku-xmppaddr", eku(corpus.OIDXmppAddr)},
	}
	caEKUs := []struct {
		name   string
		change func(t *corpus.Template)
	}{
		{"ca-none", noEKU},
		{"ca-both", nil},
		{"ca-server", eku(corpus.OIDEKUServerAuth)},
		{"ca-client", eku(corpus.OIDEKUClientAuth)},
		{"ca-any", eku(corpus.OIDEKUAny)},
		{"ca-any-server", eku(corpus.OIDEKUAny, corpus.OIDEKUServerAuth)},
	}
	for _, l := range leafEKUs {
		tests = append(tests, tcase{name: l.name, change: l.change})
		for _, c := range caEKUs {
			tests = append(tests, tcase{name: l.name + "/" + c.name, change: l.change, chain: []func(*corpus.Template){c.change}})
		}
	}
	for _, ku := range []struct {
		name string
		ku   x509.KeyUsage
	}{
		{"ku-key-encipherment", x509.KeyUsageKeyEncipherment},
		{"ku-key-agreement", x509.KeyUsageKeyAgreement},
		{"ku-non-repudiation", x509.KeyUsageContentCommitment},
		{"ku-data-encipherment", x509.KeyUsageDataEncipherment},
		{"ku-cert-sign", x509.KeyUsageCertSign},
		{"ku-absent", 0},
	} {
		tests = append(tests, tcase{name: ku.name, change: keyUsage(ku.ku)})
	}
	tests = append(tests,
		tcase{name: "two-intermediates-outer-server", chain: []func(*corpus.Template){nil, eku(corpus.OIDEKUServerAuth)}},
		tcase{name: "two-intermediates-inner-client", chain: []func(*corpus.Template){eku(corpus.OIDEKUClientAuth), nil}},
		tcase{name: "ca-ku-without-cert-sign", chain: []func(*corpus.Template){keyUsage(x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature)}},
		tcase{name: "ca-ku-without-digital-signature", chain: []func(*corpus.Template){keyUsage(x509.KeyUsageCertSign | x509.KeyUsageCRLSign)}},
	)
	// Host names: each under sslserver (s2s-out) and sslclient (s2s-in).
	hosts := []tcase{
		{name: "host-dns", domain: "example.org"},
		{name: "host-dns-other", domain: "other.example"},
		{name: "host-dns-upper", change: sans(corpus.DNS("EXAMPLE.ORG")), domain: "example.org"},
		{name: "host-dns-trailing-dot", change: sans(corpus.DNS("example.org.")), domain: "example.org"},
		{name: "host-wildcard", change: sans(corpus.DNS("*.example.org")), domain: "chat.example.org"},
		{name: "host-wildcard-parent", change: sans(corpus.DNS("*.example.org")), domain: "example.org"},
		{name: "host-wildcard-deep", change: sans(corpus.DNS("*.example.org")), domain: "a.b.example.org"},
		{name: "host-wildcard-a-label", change: sans(corpus.DNS("*.example.org")), domain: "bücher.example.org"},
		{name: "host-wildcard-tld", change: sans(corpus.DNS("*.org")), domain: "example.org"},
		{name: "host-wildcard-partial", change: sans(corpus.DNS("c*.example.org")), domain: "chat.example.org"},
		{name: "host-wildcard-partial-end", change: sans(corpus.DNS("*t.example.org")), domain: "chat.example.org"},
		{name: "host-wildcard-partial-a-label", change: sans(corpus.DNS("x*.example.org")), domain: "bücher.example.org"},
		{name: "host-wildcard-middle", change: sans(corpus.DNS("chat.*.example.org")), domain: "chat.x.example.org"},
		{name: "host-wildcard-double", change: sans(corpus.DNS("*.*.example.org")), domain: "a.b.example.org"},
		{name: "host-idn", change: sans(corpus.DNS("xn--bcher-kva.example")), domain: "bücher.example"},
		{name: "host-idn-u-label", change: sans(corpus.DNS("bücher.example")), domain: "bücher.example"},
		{name: "host-srvid-only", change: sans(corpus.SRV("_xmpp-server.example.org")), domain: "example.org"},
		{name: "host-srvid-only-cn", change: both(sans(corpus.SRV("_xmpp-server.example.org")), cns("example.org")), domain: "example.org"},
		{name: "host-xmppaddr-only-cn", change: both(sans(corpus.Xmpp("example.org")), cns("EXAMPLE.org")), domain: "example.org"},
		{name: "host-cn-only", change: both(sans(), cns("example.org")), domain: "example.org"},
		{name: "host-cn-second", change: both(sans(), cns("other.example", "example.org")), domain: "example.org"},
		{name: "host-cn-wildcard", change: both(sans(), cns("*.example.org")), domain: "chat.example.org"},
		{name: "host-cn-with-dnsid", change: both(sans(corpus.DNS("other.example")), cns("example.org")), domain: "example.org"},
		{name: "host-email-and-cn", change: both(sans(corpus.Email("admin@example.org")), cns("example.org")), domain: "example.org"},
	}
	tests = append(tests, hosts...)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			c := corpus.Case{Name: "differential", Base: corpus.ServerBase, Change: tc.change, Chain: tc.chain, Role: "server"}
			if tc.domain != "" {
				c.Domains = []string{tc.domain}
			}
			v, ders := xmpptest.Cert(t, c)
			m, _ := interop.LookupModel("openssl-default")
			host := ""
			if tc.domain != "" {
				d, err := identity.ParseDomain(tc.domain)
				if err != nil {
					t.Fatal(err)
				}
				host = d.ALabel
			}
			for _, dir := range []struct {
				d       interop.Direction
				purpose interop.Purpose
			}{{interop.S2SIn, interop.SSLClient}, {interop.S2SOut, interop.SSLServer}} {
				if got := map[interop.Direction]interop.Purpose{interop.S2SIn: m.S2SIn, interop.S2SOut: m.S2SOut}[dir.d]; got != dir.purpose {
					t.Fatalf("openssl-default %s purpose = %s, want %s", dir.d, got, dir.purpose)
				}
				verdict := m.Judge(v, dir.d)
				ok, out := opensslVerify(t, ders, dir.purpose, host)
				if (verdict.Outcome == interop.Accept) != ok {
					t.Errorf("%s (-purpose %s): model %s (%s), openssl: %s", dir.d, dir.purpose, verdict.Outcome, verdict.Reason, out)
				}
			}
		})
	}
}
