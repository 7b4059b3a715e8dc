package xmppaddr_test

import (
	"path/filepath"
	"testing"

	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	"github.com/xmpplint/xmpplint/lints/xmpp"
	_ "github.com/xmpplint/xmpplint/lints/xmppaddr"
)

// issued makes a certificate signed by a throwaway CA with the real
// `openssl req -x509 -CA ... -addext`, as a private XMPP CA would issue it.
func issued(tb testing.TB, exts ...string) *x509.Certificate {
	tb.Helper()
	dir := tb.TempDir()
	ec := []string{"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "365"}
	ossltest.Run(tb, dir, append([]string{"req", "-x509", "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=xmpplint test CA"}, ec...)...)
	args := append([]string{"req", "-x509", "-CA", "ca.pem", "-CAkey", "ca.key", "-keyout", "leaf.key", "-out", "leaf.pem",
		"-subj", "/O=xmpplint test", "-addext", "basicConstraints=critical,CA:FALSE"}, ec...)
	for _, e := range exts {
		args = append(args, "-addext", e)
	}
	ossltest.Run(tb, dir, args...)
	c, _ := ossltest.Load(tb, filepath.Join(dir, "leaf.pem"))
	return c
}

// TestOpenSSLCertificates builds certificates with the real openssl, as a
// user would, and checks what the XmppAddr lints say. openssl -addext
// re-encodes non-ASCII UTF8 input as if it were Latin-1, so the U-label
// cases are covered by the corpus only.
func TestOpenSSLCertificates(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	const xa = "otherName:1.3.6.1.5.5.7.8.5;"
	const bothEKU = "extendedKeyUsage=serverAuth,clientAuth"
	cases := []struct {
		name   string
		issued bool
		role   xmpp.Role
		scope  xmpp.Scope
		exts   []string
		expect map[string]lint.LintStatus
	}{
		{name: "ia5string", exts: []string{"subjectAltName=" + xa + "IA5STRING:juliet@example.org"}, expect: map[string]lint.LintStatus{
			"e_xmpp_xmppaddr_not_utf8string": lint.Error, "e_xmpp_xmppaddr_invalid_jid": lint.NA}},
		{name: "invalid-jid", exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:juliet@@example.org"}, expect: map[string]lint.LintStatus{
			"e_xmpp_xmppaddr_invalid_jid": lint.Error, "e_xmpp_xmppaddr_not_utf8string": lint.Pass}},
		{name: "wildcard", exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:*.example.org"}, expect: map[string]lint.LintStatus{
			"e_xmpp_xmppaddr_wildcard": lint.Error, "e_xmpp_xmppaddr_invalid_jid": lint.Pass}},
		// openssl req -x509 marks the certificate cA=TRUE by default, which
		// makes a certificate with a DNS-ID and a user JID a CA (rules.md
		// "Roles"): say it is an end entity.
		{name: "server-user-jid", exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:admin@example.org", "basicConstraints=critical,CA:FALSE"}, expect: map[string]lint.LintStatus{
			"e_xmpp_server_xmppaddr_not_bare_domain": lint.Error, "n_xmpp_server_xmppaddr_discouraged": lint.Notice}},
		{name: "a-label", exts: []string{"subjectAltName=DNS:xn--bcher-kva.example," + xa + "UTF8:xn--bcher-kva.example"}, expect: map[string]lint.LintStatus{
			"e_xmpp_xmppaddr_a_label": lint.Error}},
		{name: "trailing-dot", exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:example.org."}, expect: map[string]lint.LintStatus{
			"w_xmpp_xmppaddr_trailing_dot": lint.Warn}},
		{name: "not-canonical", exts: []string{"subjectAltName=" + xa + "UTF8:Juliet@example.org", "extendedKeyUsage=clientAuth"}, expect: map[string]lint.LintStatus{
			"n_xmpp_xmppaddr_not_canonical": lint.Notice, "w_xmpp_client_xmppaddr_has_resource": lint.Pass}},
		// Prosody's self-signed profile: bare-domain XmppAddr, no EKU.
		{name: "prosody-self-signed", exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:example.org"}, expect: map[string]lint.LintStatus{
			"n_xmpp_server_xmppaddr_discouraged":      lint.Notice,
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  lint.Warn,
			"w_xmpp_xmppaddr_domain_with_client_auth": lint.Warn,
			"e_xmpp_server_xmppaddr_not_bare_domain":  lint.Pass}},
		{name: "ca-signed-bare-domain", issued: true, exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:example.org", bothEKU}, expect: map[string]lint.LintStatus{
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  lint.Warn,
			"w_xmpp_xmppaddr_domain_with_client_auth": lint.Warn}},
		{name: "ca-signed-bare-domain-c2s", issued: true, scope: xmpp.ScopeC2S, exts: []string{"subjectAltName=DNS:example.org," + xa + "UTF8:example.org", "extendedKeyUsage=serverAuth"}, expect: map[string]lint.LintStatus{
			"w_xmpp_server_xmppaddr_breaks_ejabberd":  lint.NA,
			"w_xmpp_xmppaddr_domain_with_client_auth": lint.Pass}},
		{name: "client-resource", issued: true, exts: []string{"subjectAltName=" + xa + "UTF8:juliet@example.org/balcony", "extendedKeyUsage=clientAuth"}, expect: map[string]lint.LintStatus{
			"w_xmpp_client_xmppaddr_has_resource": lint.Warn, "n_xmpp_client_multiple_xmppaddr": lint.Pass}},
		{name: "client-multiple", issued: true, exts: []string{"subjectAltName=" + xa + "UTF8:juliet@example.org," + xa + "UTF8:romeo@example.org", "extendedKeyUsage=clientAuth"}, expect: map[string]lint.LintStatus{
			"n_xmpp_client_multiple_xmppaddr": lint.Notice}},
		{name: "client-jid-in-email", issued: true, role: xmpp.RoleClient, exts: []string{"subjectAltName=email:juliet@example.org", "extendedKeyUsage=clientAuth"}, expect: map[string]lint.LintStatus{
			"w_xmpp_client_jid_outside_xmppaddr": lint.Warn, "n_xmpp_client_multiple_xmppaddr": lint.NA}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var cert *x509.Certificate
			if tc.issued {
				cert = issued(t, tc.exts...)
			} else {
				cert, _ = ossltest.SelfSigned(t, "/O=xmpplint test", tc.exts...)
			}
			opts, err := xmpp.Options{Role: tc.role, Scope: tc.scope}.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.expect)
		})
	}
}
