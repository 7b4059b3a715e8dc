package boulderwire

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/letsencrypt/boulder/linter/lints/rfc" // registers e_pkimetal_lint_cabf_serverauth_cert
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/corpus"
	"github.com/xmpplint/xmpplint/server"
)

const boulderLint = "e_pkimetal_lint_cabf_serverauth_cert"

// docTable returns docs/ca.md's lintConfig table for Boulder's pkimetal
// lint, with its socket moved to sock.
func docTable(t *testing.T, sock string) string {
	t.Helper()
	b, err := os.ReadFile("../../docs/ca.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "\n```toml boulder-pkimetal\n")
	if start < 0 {
		t.Fatal("docs/ca.md has no ```toml boulder-pkimetal block")
	}
	body := doc[start+len("\n```toml boulder-pkimetal\n"):]
	body = body[:strings.Index(body, "\n```\n")+1]
	const documented = `socket = "/run/xmpplint/lint.sock"`
	if !strings.Contains(body, documented) {
		t.Fatalf("the documented socket changed:\n%s", body)
	}
	return strings.Replace(body, documented, fmt.Sprintf("socket = %q", sock), 1)
}

// TestBoulderPKIMetalLint: Boulder's own pkimetal lint (its
// linter/pkimetal client: a form POST over a Unix socket), configured
// with docs/ca.md's table, passes a good XMPP server certificate and fails one
// with a malformed SRV-ID naming xmpplint's lint, through xmpplint serve.
func TestBoulderPKIMetalLint(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "lint.sock")
	s, err := server.New(server.Options{Listen: "unix:" + sock}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := server.Listen("unix:" + sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, nil) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Error(err)
		}
	}()

	cfg, err := lint.NewConfigFromString(docTable(t, sock))
	if err != nil {
		t.Fatal(err)
	}
	reg, err := lint.GlobalRegistry().Filter(lint.FilterOptions{IncludeNames: []string{boulderLint}})
	if err != nil {
		t.Fatal(err)
	}
	if len(reg.Names()) != 1 {
		t.Fatalf("Boulder's lint is not registered: %v", reg.Names())
	}
	reg.SetConfiguration(cfg)

	for _, tc := range []struct {
		name   string
		status lint.LintStatus
		want   string
	}{
		{"server-base", lint.Pass, ""},
		{"eku-server-auth-only", lint.Pass, ""}, // the ca profile: no interop advice
		{"srvid-no-service-label", lint.Error, "error from xmpplint:e_xmpp_srvname_malformed"},
		{"eku-client-auth-only", lint.Error, "xmpplint:e_xmpp_server_eku_client_auth_only"},
	} {
		ders, err := corpus.Load(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		c, err := x509.ParseCertificate(ders[0])
		if err != nil {
			t.Fatal(err)
		}
		res := zlint.LintCertificateEx(c, reg).Results[boulderLint]
		if res == nil || res.Status != tc.status || !strings.Contains(res.Details, tc.want) {
			t.Errorf("%s: %+v, want %v with %q", tc.name, res, tc.status, tc.want)
			continue
		}
		t.Logf("%s: %v %s", tc.name, res.Status, res.Details)
	}
}
