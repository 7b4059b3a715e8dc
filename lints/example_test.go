package lints_test

import (
	"fmt"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/corpus"
	_ "github.com/xmpplint/xmpplint/lints" // registers the xmpplint lints
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// A program that imports the lints package runs the xmpplint lints next to
// zlint's own with zlint.LintCertificate; options reach them through
// zlint's TOML configuration.
func Example() {
	ders, _ := corpus.Load("eku-server-auth-only")
	cert, _ := x509.ParseCertificate(ders[0])

	rs := zlint.LintCertificate(cert)
	fmt.Println(rs.Results["w_xmpp_s2s_eku_missing_client_auth"].Status)

	// The same certificate declared for c2s only: the s2s lint is NA.
	var opts lint.FilterOptions
	opts.AddProfile(mustProfile("xmpp"))
	reg, _ := lint.GlobalRegistry().Filter(opts)
	cfg, _ := xmpp.Options{Role: xmpp.RoleServer, Scope: xmpp.ScopeC2S}.Configuration()
	reg.SetConfiguration(cfg)
	rs = zlint.LintCertificateEx(cert, reg)
	fmt.Println(rs.Results["w_xmpp_s2s_eku_missing_client_auth"].Status)
	// Output:
	// warn
	// NA
}

func mustProfile(name string) lint.Profile {
	p, ok := lint.GetProfile(name)
	if !ok {
		panic("no profile " + name)
	}
	return p
}
