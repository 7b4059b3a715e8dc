package chain_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/internal/xmpptest"
	_ "github.com/xmpplint/xmpplint/lints/chain"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// opensslChain makes root -> intermediate -> leaf with the real openssl:
// the intermediate with caExt (extension lines for openssl x509 -extfile),
// the leaf a server certificate for example.org with serverAuth and
// clientAuth. It returns the directory holding root.pem, int.pem and
// leaf.pem.
func opensslChain(t *testing.T, caExt string) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ec := []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"}
	ossltest.Run(t, dir, append(append([]string{"req", "-x509"}, ec...), "-keyout", "root.key", "-out", "root.pem", "-days", "3650",
		"-subj", "/CN=openssl root", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign,cRLSign")...)
	ossltest.Run(t, dir, append(append([]string{"req", "-new"}, ec...), "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=openssl intermediate")...)
	write("int.ext", "basicConstraints=critical,CA:TRUE,pathlen:0\n"+caExt+"\n")
	ossltest.Run(t, dir, "x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-set_serial", "2", "-days", "1000",
		"-extfile", "int.ext", "-out", "int.pem")
	ossltest.Run(t, dir, append(append([]string{"req", "-new"}, ec...), "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=example.org")...)
	write("leaf.ext", "basicConstraints=critical,CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:example.org\n")
	ossltest.Run(t, dir, "x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-set_serial", "3", "-days", "300",
		"-extfile", "leaf.ext", "-out", "leaf.pem")
	return dir
}

// TestOpenSSLMadeChains checks the chain lints on chains made with the real
// openssl, and checks each lint's claim against `openssl verify -purpose`:
// the client-auth lint fires exactly when sslclient fails, the server-auth
// lint exactly when sslserver fails.
func TestOpenSSLMadeChains(t *testing.T) {
	t.Parallel()
	bin := ossltest.Require(t)
	tests := []struct {
		name  string
		caExt string
		want  map[string]lint.LintStatus
	}{
		{"server-auth-only", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature\nextendedKeyUsage=serverAuth", map[string]lint.LintStatus{
			"w_xmpp_chain_ca_eku_blocks_client_auth": lint.Warn, "e_xmpp_chain_ca_eku_excludes_server_auth": lint.Pass,
			"e_xmpp_strict_ca_ku_missing_digital_signature": lint.Pass}},
		{"client-auth-only", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature\nextendedKeyUsage=clientAuth", map[string]lint.LintStatus{
			"w_xmpp_chain_ca_eku_blocks_client_auth": lint.Pass, "e_xmpp_chain_ca_eku_excludes_server_auth": lint.Error}},
		{"any-eku", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature\nextendedKeyUsage=anyExtendedKeyUsage", map[string]lint.LintStatus{
			"w_xmpp_chain_ca_eku_blocks_client_auth": lint.Warn, "e_xmpp_chain_ca_eku_excludes_server_auth": lint.Error}},
		{"both", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth", map[string]lint.LintStatus{
			"w_xmpp_chain_ca_eku_blocks_client_auth": lint.Pass, "e_xmpp_chain_ca_eku_excludes_server_auth": lint.Pass}},
		{"no-eku-no-digital-signature", "keyUsage=critical,keyCertSign,cRLSign", map[string]lint.LintStatus{
			"w_xmpp_chain_ca_eku_blocks_client_auth": lint.Pass, "e_xmpp_chain_ca_eku_excludes_server_auth": lint.Pass,
			"e_xmpp_strict_ca_ku_missing_digital_signature": lint.Error}},
	}
	purposeOf := map[string]string{
		"w_xmpp_chain_ca_eku_blocks_client_auth":   "sslclient",
		"e_xmpp_chain_ca_eku_excludes_server_auth": "sslserver",
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := opensslChain(t, tc.caExt)
			leaf, _ := ossltest.Load(t, filepath.Join(dir, "leaf.pem"))
			inter, _ := ossltest.Load(t, filepath.Join(dir, "int.pem"))
			v := xmpptest.Parse(t, leaf, xmpp.Options{}, []*x509.Certificate{inter}...)
			for name, want := range tc.want {
				info, ok := xmpp.Lookup(name)
				if !ok {
					t.Fatalf("%s not registered", name)
				}
				res := info.Run(v)
				if res.Status != want {
					t.Errorf("%s = %s (%s), want %s", name, res.Status, res.Details, want)
				}
				p, ok := purposeOf[name]
				if !ok {
					continue
				}
				out, err := exec.Command(bin, "verify", "-purpose", p, "-CAfile", filepath.Join(dir, "root.pem"),
					"-untrusted", filepath.Join(dir, "int.pem"), filepath.Join(dir, "leaf.pem")).CombinedOutput()
				if fails := err != nil; fails != (res.Status > lint.Pass) {
					t.Errorf("%s = %s but openssl verify -purpose %s says: %s", name, res.Status, p, strings.TrimSpace(string(out)))
				}
			}
		})
	}
}
