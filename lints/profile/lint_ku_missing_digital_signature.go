package profile

import (
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

func init() {
	xmpp.Register(&xmpp.Info{
		LintMetadata: lint.LintMetadata{
			Name:          "e_xmpp_ku_missing_digital_signature",
			Description:   "When an XMPP server or client certificate has a keyUsage extension it must allow digitalSignature: TLS 1.3 authenticates with a signature by the certificate's key, and OpenSSL's sslclient purpose, applied to s2s initiators and c2s client certificates, accepts only digitalSignature or keyAgreement.",
			Citation:      "RFC 8446 4.4.2.2; RFC 6120 13.7.1.1",
			Source:        xmpp.SourceRFC,
			EffectiveDate: xmpp.RFC6120Date,
		},
		Applies: xmpp.AppliesServerClient,
		New:     func() xmpp.Lint { return kuMissingDigitalSignature{} },
	})
}

type kuMissingDigitalSignature struct{}

func (kuMissingDigitalSignature) Applies(v *xmpp.Cert) bool { return v.KU.Present }

func (kuMissingDigitalSignature) Check(v *xmpp.Cert) *lint.LintResult {
	if v.KU.Has(x509.KeyUsageDigitalSignature) {
		return xmpp.Pass()
	}
	if !v.KU.AllowsSSLClient() {
		return xmpp.Result(lint.Error, "keyUsage [%s] lacks digitalSignature: the key cannot sign TLS 1.3 handshakes, and OpenSSL's sslclient purpose (s2s initiation, c2s client certificates) rejects the certificate", v.KU)
	}
	return xmpp.Result(lint.Error, "keyUsage [%s] lacks digitalSignature: the key cannot sign TLS 1.3 handshakes (RFC 8446 4.4.2.2)", v.KU)
}
