// Package cacorpus makes certificates as today's public CAs issue them,
// for the proof that the ca profile stops no good issuance: serverAuth-only
// leaves with DNS-IDs only (no CN, or a CN among the SANs), ECDSA and RSA
// keys and issuers, the extensions a CA/B Forum CA writes (AIA, CRL
// distribution point, policy, SCT list, key identifiers), 6 to 90 days of
// validity. It also makes the same certificates with one defect each, an
// issuer's mistake named by the lint that must report it.
//
// The choices come from a seeded generator, so a run makes the same
// shapes; keys and ECDSA signatures are random, so the bytes differ.
package cacorpus

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Issued is one certificate as a CA issues it: the template it signs, the
// subject's public key, the issuing CA, and the DER of the certificate and
// of its chain (intermediate, then root).
type Issued struct {
	Name     string
	Template *x509.Certificate
	Public   any
	// Key is the subject's private key (to make the request for it).
	Key    crypto.Signer
	Issuer *x509.Certificate
	// IssuerKey signs as Issuer.
	IssuerKey crypto.Signer
	DER       []byte
	Chain     [][]byte
}

// CA is an issuing hierarchy: a root and one intermediate.
type CA struct {
	Name         string
	Root         *x509.Certificate
	Intermediate *x509.Certificate
	key          crypto.Signer
}

// Keys are made once per process: RSA keys take a while on a busy machine.
var (
	keysOnce sync.Once
	keys     map[string]crypto.Signer
	keysErr  error
	casOnce  sync.Once
	cas      []*CA
	casErr   error
)

func theKeys() (map[string]crypto.Signer, error) {
	keysOnce.Do(func() {
		keys = map[string]crypto.Signer{}
		for _, name := range []string{"ecdsa-p256", "ecdsa-p384", "rsa-2048", "root-rsa", "root-ecdsa", "int-rsa", "int-ecdsa"} {
			var k crypto.Signer
			var err error
			switch {
			case name == "ecdsa-p256":
				k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
			case strings.HasSuffix(name, "ecdsa") || name == "ecdsa-p384":
				k, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
			default:
				k, err = rsa.GenerateKey(rand.Reader, 2048)
			}
			if err != nil {
				keysErr = err
				return
			}
			keys[name] = k
		}
	})
	return keys, keysErr
}

var (
	oidSCTList  = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 11129, 2, 4, 2}
	oidDVPolicy = asn1.ObjectIdentifier{2, 23, 140, 1, 2, 1}
	// Start is the first notBefore: after public CAs dropped clientAuth.
	Start = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
)

// CAs returns the two hierarchies: an RSA root with an RSA intermediate
// (serverAuth only, as Chrome wants of new hierarchies) and an ECDSA root
// with an ECDSA intermediate (serverAuth and clientAuth, as older
// intermediates have).
func CAs() ([]*CA, error) {
	casOnce.Do(func() {
		ks, err := theKeys()
		if err != nil {
			casErr = err
			return
		}
		for i, kind := range []string{"rsa", "ecdsa"} {
			rootKey, intKey := ks["root-"+kind], ks["int-"+kind]
			root := &x509.Certificate{
				SerialNumber: big.NewInt(int64(100 + i)),
				Subject:      pkix.Name{Country: []string{"US"}, Organization: []string{"Example Trust"}, CommonName: "Example Root " + strings.ToUpper(kind)},
				NotBefore:    Start.AddDate(-5, 0, 0), NotAfter: Start.AddDate(20, 0, 0),
				KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
				BasicConstraintsValid: true, IsCA: true,
			}
			rootDER, err := x509.CreateCertificate(rand.Reader, root, root, rootKey.Public(), rootKey)
			if err != nil {
				casErr = err
				return
			}
			rootCert, _ := x509.ParseCertificate(rootDER)
			eku := []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}
			if kind == "ecdsa" {
				eku = append(eku, x509.ExtKeyUsageClientAuth)
			}
			inter := &x509.Certificate{
				SerialNumber: big.NewInt(int64(200 + i)),
				Subject:      pkix.Name{Country: []string{"US"}, Organization: []string{"Example Trust"}, CommonName: fmt.Sprintf("Example %s1", strings.ToUpper(kind[:1]))},
				NotBefore:    Start.AddDate(-1, 0, 0), NotAfter: Start.AddDate(3, 0, 0),
				KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
				ExtKeyUsage:           eku,
				BasicConstraintsValid: true, IsCA: true, MaxPathLenZero: true,
				IssuingCertificateURL: []string{"http://x1.i.example.net/"},
				CRLDistributionPoints: []string{"http://x1.c.example.net/"},
				PolicyIdentifiers:     []asn1.ObjectIdentifier{oidDVPolicy},
			}
			intDER, err := x509.CreateCertificate(rand.Reader, inter, rootCert, intKey.Public(), rootKey)
			if err != nil {
				casErr = err
				return
			}
			intCert, _ := x509.ParseCertificate(intDER)
			cas = append(cas, &CA{Name: kind, Root: rootCert, Intermediate: intCert, key: intKey})
		}
	})
	return cas, casErr
}

// Good makes n certificates as public CAs issue them today, with varied
// shapes: key type and issuer, one to five DNS-IDs (wildcards and IDNs
// among them), no CN or the first SAN as CN, AIA with or without OCSP,
// validity from 6 to 90 days.
func Good(n int) ([]Issued, error) {
	out := make([]Issued, 0, n)
	rnd := mrand.New(mrand.NewPCG(9, 178))
	for i := 0; i < n; i++ {
		is, err := make1(rnd, i, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, is)
	}
	return out, nil
}

// Defect is an issuer's mistake: a change to a good template and the
// lint that must report it.
type Defect struct {
	// Lint names the lint that must fire, at the severity its prefix
	// carries.
	Lint  string
	About string
	// Change edits the template before signing.
	Change func(t *x509.Certificate)
}

// SAN builds a subjectAltName extension of DNS names and otherNames.
func SAN(dns []string, other ...OtherName) pkix.Extension {
	var seq []byte
	for _, d := range dns {
		seq = append(seq, tlv(0x82, []byte(d))...)
	}
	for _, o := range other {
		oid, _ := asn1.Marshal(o.OID)
		seq = append(seq, tlv(0xa0, append(oid, tlv(0xa0, tlv(o.Tag, []byte(o.Value)))...))...)
	}
	v := tlv(0x30, seq)
	return pkix.Extension{Id: asn1.ObjectIdentifier{2, 5, 29, 17}, Value: v}
}

// OtherName is an otherName SAN entry: a type, a string tag and a value.
type OtherName struct {
	OID   asn1.ObjectIdentifier
	Tag   byte
	Value string
}

// SRV-ID and XmppAddr entries, with their proper string types.
var (
	OIDSRVName  = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 7}
	OIDXmppAddr = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}
)

// SRV is an SRV-ID (IA5String).
func SRV(v string) OtherName { return OtherName{OIDSRVName, 0x16, v} }

// Xmpp is an XmppAddr (UTF8String).
func Xmpp(v string) OtherName { return OtherName{OIDXmppAddr, 0x0c, v} }

func tlv(tag byte, content []byte) []byte {
	n := len(content)
	switch {
	case n < 0x80:
		return append([]byte{tag, byte(n)}, content...)
	case n < 0x100:
		return append([]byte{tag, 0x81, byte(n)}, content...)
	default:
		return append([]byte{tag, 0x82, byte(n >> 8), byte(n)}, content...)
	}
}

// sctList encodes an RFC 6962 3.3 SignedCertificateTimestampList of n
// SCTs with random log IDs and placeholder ECDSA signatures: the shape a
// CA embeds, which parsers read (the signatures are never verified here).
func sctList(rnd *mrand.Rand, ts uint64, n int) []byte {
	u16 := func(b []byte) []byte { return append([]byte{byte(len(b) >> 8), byte(len(b))}, b...) }
	var list []byte
	for i := 0; i < n; i++ {
		sct := []byte{0} // v1
		for j := 0; j < 32; j++ {
			sct = append(sct, byte(rnd.IntN(256)))
		}
		for k := 7; k >= 0; k-- {
			sct = append(sct, byte(ts>>(8*k)))
		}
		sct = append(sct, 0, 0) // no extensions
		sct = append(sct, 4, 3) // SHA-256, ECDSA
		sig := tlv(0x30, append(tlv(0x02, make([]byte, 32)), tlv(0x02, make([]byte, 32))...))
		sct = append(sct, u16(sig)...)
		list = append(list, u16(sct)...)
	}
	return u16(list)
}

func notBeforeMillis(t time.Time) uint64 { return uint64(t.UnixMilli()) }

// withSAN replaces the template's SANs by an extension.
func withSAN(t *x509.Certificate, ext pkix.Extension) {
	t.DNSNames = nil
	t.Subject.CommonName = "" // so that the defect is the only one
	t.ExtraExtensions = append(t.ExtraExtensions, ext)
}

// Defects lists the issuer's mistakes the ca profile must report, each
// applied to a good certificate.
func Defects() []Defect {
	xmppSAN := func(other ...OtherName) func(t *x509.Certificate) {
		return func(t *x509.Certificate) { withSAN(t, SAN([]string{"example.org"}, other...)) }
	}
	return []Defect{
		{"e_xmpp_srvname_includes_proto_label", "an SRV-ID copied from the DNS owner name", xmppSAN(SRV("_xmpp-server._tcp.example.org"))},
		{"e_xmpp_srvname_malformed", "an SRV-ID without its service label", xmppSAN(SRV("example.org"))},
		{"e_xmpp_srvname_not_ia5string", "an SRV-ID as UTF8String", xmppSAN(OtherName{OIDSRVName, 0x0c, "_xmpp-server.example.org"})},
		{"e_xmpp_srvname_wildcard_invalid", "a wildcard inside an SRV-ID's label", xmppSAN(SRV("_xmpp-server.x*.example.org"))},
		{"e_xmpp_srvname_empty", "an empty SRV-ID", xmppSAN(SRV(""))},
		{"w_xmpp_srvname_xmpps_service", "an _xmpps-server SRV-ID", xmppSAN(SRV("_xmpps-server.example.org"))},
		{"e_xmpp_xmppaddr_wildcard", "a wildcard XmppAddr", xmppSAN(Xmpp("*.example.org"))},
		{"e_xmpp_xmppaddr_not_utf8string", "an XmppAddr as IA5String", xmppSAN(OtherName{OIDXmppAddr, 0x16, "example.org"})},
		{"e_xmpp_xmppaddr_invalid_jid", "an XmppAddr that is no JID", xmppSAN(Xmpp("exa mple.org"))},
		{"e_xmpp_server_xmppaddr_not_bare_domain", "a server XmppAddr with a resource", xmppSAN(Xmpp("example.org/server"))},
		{"e_xmpp_dnsid_wildcard_not_leftmost", "a wildcard in the middle", func(t *x509.Certificate) { withSAN(t, SAN([]string{"www.*.example.org"})) }},
		{"e_xmpp_dnsid_malformed", "a DNS-ID with a space", func(t *x509.Certificate) { withSAN(t, SAN([]string{"exa mple.org"})) }},
		{"w_xmpp_dnsid_not_lowercase", "a DNS-ID in capitals", func(t *x509.Certificate) { withSAN(t, SAN([]string{"Example.ORG"})) }},
		{"w_xmpp_dnsid_trailing_dot", "a DNS-ID with a trailing dot", func(t *x509.Certificate) { withSAN(t, SAN([]string{"example.org."})) }},
		{"w_xmpp_cn_not_in_san", "a CN not among the SANs", func(t *x509.Certificate) { t.Subject.CommonName = "chat.example.net" }},
		{"e_xmpp_server_no_san_identity", "a CN and no SAN", func(t *x509.Certificate) {
			t.DNSNames = nil
			t.Subject.CommonName = "example.org"
		}},
		{"e_xmpp_end_entity_is_ca", "an XMPP server certificate marked CA", func(t *x509.Certificate) {
			t.IsCA = true
			xmppSAN(SRV("_xmpp-server.example.org"))(t)
		}},
		{"e_xmpp_server_eku_missing_server_auth", "a server certificate for code signing", func(t *x509.Certificate) {
			t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageCodeSigning}
		}},
		{"e_xmpp_server_eku_client_auth_only", "a clientAuth-only server certificate", func(t *x509.Certificate) {
			t.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
		}},
		{"w_xmpp_server_eku_absent", "a server certificate without EKU", func(t *x509.Certificate) { t.ExtKeyUsage = nil }},
		{"n_xmpp_eku_any_with_server_auth", "anyExtendedKeyUsage in a subscriber certificate", func(t *x509.Certificate) {
			t.ExtKeyUsage = append(t.ExtKeyUsage, x509.ExtKeyUsageAny)
		}},
		{"e_xmpp_ku_missing_digital_signature", "a key usage without digitalSignature", func(t *x509.Certificate) {
			t.KeyUsage = x509.KeyUsageKeyAgreement
		}},
	}
}

// WithDefect makes a good certificate (the i-th shape) with the defect.
func WithDefect(i int, d Defect) (Issued, error) {
	rnd := mrand.New(mrand.NewPCG(uint64(i), 6120))
	return make1(rnd, i, d.Change)
}

// make1 makes one certificate; change, when set, edits the template.
func make1(rnd *mrand.Rand, i int, change func(t *x509.Certificate)) (Issued, error) {
	ks, err := theKeys()
	if err != nil {
		return Issued{}, err
	}
	hier, err := CAs()
	if err != nil {
		return Issued{}, err
	}
	ca := hier[rnd.IntN(len(hier))]
	keyName := []string{"ecdsa-p256", "ecdsa-p384", "rsa-2048"}[rnd.IntN(3)]
	key := ks[keyName]

	base := []string{"example.org", "chat.example.net", "xmpp.example.com", "xn--bcher-kva.example", "im.example.eu"}[rnd.IntN(5)]
	dns := []string{base}
	for j, extra := 0, rnd.IntN(5); j < extra; j++ {
		dns = append(dns, []string{"*." + base, "conference." + base, "upload." + base, "pubsub." + base, "www." + base}[j])
	}
	var cn string
	if rnd.IntN(2) == 0 {
		cn = dns[rnd.IntN(len(dns))]
	}
	days := []int{6, 47, 90}[rnd.IntN(3)]
	notBefore := Start.Add(time.Duration(rnd.IntN(200*24)) * time.Hour)
	serial := new(big.Int).SetUint64(rnd.Uint64() | 1<<62)
	ku := x509.KeyUsageDigitalSignature
	if keyName == "rsa-2048" && rnd.IntN(2) == 0 {
		ku |= x509.KeyUsageKeyEncipherment
	}
	aia := []string{"http://" + ca.Name + ".i.example.net/"}
	var ocsp []string
	if rnd.IntN(3) == 0 {
		ocsp = []string{"http://" + ca.Name + ".o.example.net"}
	}
	sct := tlv(0x04, sctList(rnd, notBeforeMillis(Start), 2))
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: cn},
		NotBefore:             notBefore,
		NotAfter:              notBefore.Add(time.Duration(days)*24*time.Hour - time.Second),
		KeyUsage:              ku,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		DNSNames:              dns,
		IssuingCertificateURL: aia,
		OCSPServer:            ocsp,
		CRLDistributionPoints: []string{"http://" + ca.Name + ".c.example.net/" + fmt.Sprint(rnd.IntN(128)) + ".crl"},
		PolicyIdentifiers:     []asn1.ObjectIdentifier{oidDVPolicy},
		ExtraExtensions:       []pkix.Extension{{Id: oidSCTList, Value: sct}},
	}
	name := fmt.Sprintf("%03d-%s-%s-%dd-%dsan", i, keyName, ca.Name, days, len(dns))
	if change != nil {
		change(tmpl)
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.Intermediate, key.Public(), ca.key)
	if err != nil {
		return Issued{}, fmt.Errorf("%s: %v", name, err)
	}
	return Issued{Name: name, Template: tmpl, Public: key.Public(), Key: key, Issuer: ca.Intermediate, IssuerKey: ca.key,
		DER: der, Chain: [][]byte{ca.Intermediate.Raw, ca.Root.Raw}}, nil
}
