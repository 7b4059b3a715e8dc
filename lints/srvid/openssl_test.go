package srvid_test

import (
	"strings"
	"testing"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/ossltest"
	_ "github.com/xmpplint/xmpplint/lints/srvid"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestOpenSSLCertificates builds certificates with the real `openssl req
// -x509 -addext`, as a user would, and checks what the SRVName lints say.
// openssl refuses non-ASCII text in an IA5STRING, so the U-label case of
// e_xmpp_srvname_name_not_a_label is covered by the corpus only.
func TestOpenSSLCertificates(t *testing.T) {
	t.Parallel()
	ossltest.Require(t)
	const srv = "otherName:1.3.6.1.5.5.7.8.7;"
	allPass := map[string]lint.LintStatus{}
	for _, info := range xmpp.All() {
		if strings.Contains(info.Name, "_srvname_") {
			allPass[info.Name] = lint.Pass
		}
	}
	cases := []struct {
		name   string
		san    string
		expect map[string]lint.LintStatus
	}{
		{"valid", "DNS:example.org," + srv + "IA5STRING:_xmpp-server.example.org," + srv + "IA5STRING:_xmpp-client.example.org", allPass},
		{"utf8string", srv + "UTF8:_xmpp-server.example.org", map[string]lint.LintStatus{
			"e_xmpp_srvname_not_ia5string": lint.Error, "e_xmpp_srvname_malformed": lint.NA}},
		{"empty", srv + "IA5STRING:", map[string]lint.LintStatus{
			"e_xmpp_srvname_empty": lint.Error, "e_xmpp_srvname_not_ia5string": lint.Pass}},
		{"no-service-label", srv + "IA5STRING:*.example.org", map[string]lint.LintStatus{
			"e_xmpp_srvname_malformed": lint.Error, "n_xmpp_srvname_wildcard": lint.NA}},
		{"bad-service-name", srv + "IA5STRING:_xmpp-server-federation.example.org", map[string]lint.LintStatus{
			"e_xmpp_srvname_malformed": lint.Error}},
		{"proto-label", srv + "IA5STRING:_xmpp-server._tcp.example.org", map[string]lint.LintStatus{
			"e_xmpp_srvname_includes_proto_label": lint.Error, "e_xmpp_srvname_malformed": lint.Pass}},
		{"bad-a-label", srv + "IA5STRING:_xmpp-server.xn--zz.example", map[string]lint.LintStatus{
			"e_xmpp_srvname_name_not_a_label": lint.Error}},
		{"xmpps", srv + "IA5STRING:_xmpps-client.example.org", map[string]lint.LintStatus{
			"w_xmpp_srvname_xmpps_service": lint.Warn, "n_xmpp_srvname_non_xmpp_service": lint.Pass}},
		{"non-xmpp", srv + "IA5STRING:_imaps.example.org", map[string]lint.LintStatus{
			"n_xmpp_srvname_non_xmpp_service": lint.Notice}},
		{"upper-case", srv + "IA5STRING:_XMPP-SERVER.example.org", map[string]lint.LintStatus{
			"w_xmpp_srvname_service_not_lowercase": lint.Warn}},
		{"wildcard", srv + "IA5STRING:_xmpp-server.*.example.org", map[string]lint.LintStatus{
			"n_xmpp_srvname_wildcard": lint.Notice, "e_xmpp_srvname_wildcard_invalid": lint.Pass}},
		{"wildcard-invalid", srv + "IA5STRING:_xmpp-server.*.*.example.org", map[string]lint.LintStatus{
			"e_xmpp_srvname_wildcard_invalid": lint.Error, "n_xmpp_srvname_wildcard": lint.Pass}},
		{"trailing-dot", srv + "IA5STRING:_xmpp-server.example.org.", map[string]lint.LintStatus{
			"w_xmpp_srvname_trailing_dot": lint.Warn}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cert, _ := ossltest.SelfSigned(t, "/O=xmpplint test", "subjectAltName="+tc.san)
			opts, err := xmpp.DefaultOptions().Normalize()
			if err != nil {
				t.Fatal(err)
			}
			ossltest.Expect(t, xmpp.NewCert(cert, opts), tc.expect)
		})
	}
}
