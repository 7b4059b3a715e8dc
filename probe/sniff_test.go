package probe

import (
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/xmpplint/xmpplint/internal/livetest"
)

// A server presenting a certificate zcrypto and Go cannot parse (a
// negative RSA modulus, which OpenSSL-based servers serve;
// livetest.NegativeModulus) is probed for everything that does not need the key: the
// identity, the expiry and the lints. It was reason="tls", then
// identity 0 with no expiry, as the probe parsed with zcrypto only.
func TestProbeCertificateZcryptoCannotParse(t *testing.T) {
	t.Parallel()
	p, _ := livetest.NegativeModulus(t)
	port := livetest.Serve(t, livetest.STARTTLS(p, nil))
	ca := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: livetest.NewPKI(t, domain).Chain[1]}), 0o644)
	h := newHandler(t, ca, "", nil, Options{})
	r := doProbe(t, h, "s2s_normal", fmt.Sprintf("xmpp://127.0.0.1:%d/localhost", port), nil)
	ep := fmt.Sprintf("127.0.0.1:%d", port)
	r.want(t, 0, "probe_success")
	r.want(t, 1, "probe_xmpplint_identity_match", "endpoint", ep, "service", "xmpp-server")
	r.want(t, 1, "probe_xmpplint_failed", "endpoint", ep, "reason", "untrusted")
	r.want(t, 1, "probe_tls_version_info", "version", "TLS 1.2")
	if days, ok := r.value("probe_xmpplint_cert_expiry_days", "endpoint", ep, "position", "0"); !ok { // the test certificate expires: its value is not fixed
		t.Errorf("expiry days %v, %v\n%s", days, ok, r.body)
	}
	for _, reason := range []string{"tls", "identity", "unparseable"} {
		if _, ok := r.value("probe_xmpplint_failed", "endpoint", ep, "reason", reason); ok {
			t.Errorf("failed for %s:\n%s", reason, r.body)
		}
	}
}
