package corpus

import (
	"bytes"
	"crypto/ed25519"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Base names the template a case starts from.
type Base int

// Bases.
const (
	// ServerBase: a valid XMPP server certificate for example.org issued by
	// the corpus root: DNS-ID and SRV-IDs, serverAuth+clientAuth,
	// digitalSignature, OCSP in AIA.
	ServerBase Base = iota
	// ClientBase: a valid c2s client certificate for juliet@example.org:
	// XmppAddr, clientAuth, digitalSignature.
	ClientBase
	// CABase: an intermediate CA certificate.
	CABase
)

// ServerTemplate returns the base server certificate.
func ServerTemplate() *Template {
	return &Template{
		X509: &x509.Certificate{
			Subject:               pkix.Name{Organization: []string{"xmpplint corpus"}, OrganizationalUnit: []string{"XMPP service example.org"}},
			NotBefore:             NotBefore,
			NotAfter:              NotAfter,
			KeyUsage:              x509.KeyUsageDigitalSignature,
			ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
			BasicConstraintsValid: true,
			OCSPServer:            []string{"http://ocsp.example.net/"},
		},
		SANs: []GeneralName{
			DNS("example.org"),
			SRV("_xmpp-server.example.org"),
			SRV("_xmpp-client.example.org"),
		},
		KeySeed: "server",
	}
}

// ClientTemplate returns the base client certificate.
func ClientTemplate() *Template {
	return &Template{
		X509: &x509.Certificate{
			Subject:               pkix.Name{Organization: []string{"xmpplint corpus"}, CommonName: "Juliet Capulet"},
			NotBefore:             NotBefore,
			NotAfter:              NotAfter,
			KeyUsage:              x509.KeyUsageDigitalSignature,
			ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
			BasicConstraintsValid: true,
			OCSPServer:            []string{"http://ocsp.example.net/"},
		},
		SANs:    []GeneralName{Xmpp("juliet@example.org")},
		KeySeed: "client",
	}
}

// CATemplate returns the base intermediate CA certificate: both TLS
// purposes in its EKU, as XMPP-friendly private CAs issue them.
func CATemplate(name string) *Template {
	return &Template{
		X509: &x509.Certificate{
			Subject:               pkix.Name{Organization: []string{"xmpplint corpus"}, CommonName: name},
			NotBefore:             NotBefore.AddDate(-1, 0, 0),
			NotAfter:              NotAfter.AddDate(1, 0, 0),
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
			ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
			BasicConstraintsValid: true,
			IsCA:                  true,
			MaxPathLenZero:        true,
		},
		KeySeed: "ca:" + name,
	}
}

// RootTemplate is the corpus trust anchor: no EKU, so that OpenSSL's purpose
// checks look at the leaf and the intermediates.
func RootTemplate() *Template {
	return &Template{
		X509: &x509.Certificate{
			Subject:               pkix.Name{Organization: []string{"xmpplint corpus"}, CommonName: "xmpplint corpus root"},
			NotBefore:             NotBefore.AddDate(-2, 0, 0),
			NotAfter:              NotAfter.AddDate(10, 0, 0),
			KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
			BasicConstraintsValid: true,
			IsCA:                  true,
		},
		KeySeed:    "root",
		SelfSigned: true,
	}
}

// Case is one corpus certificate: a base template, one change, and the
// expected status of the lints it exercises.
type Case struct {
	// Name is the file name without .pem: lower case and hyphens.
	Name string
	// About says what the case shows, in one sentence.
	About string
	Base  Base
	// Change is applied to the base template.
	Change func(t *Template)
	// Chain, when set, builds intermediates: Chain[0] issues the leaf and is
	// issued by Chain[1], and so on; the last is issued by the root. Each
	// function changes a CATemplate. The PEM file holds the leaf followed by
	// the intermediates, as a server's fullchain.pem does.
	Chain []func(t *Template)
	// Opts are the options the case runs under (role, scope, domains...).
	Role       string
	Scope      string
	Domains    []string
	Service    string
	SRVTargets []string
	// Expect maps lint names to the status they must return.
	Expect map[string]Status
}

// Build makes the DER of the case's certificates: leaf first, then the
// intermediates.
func (c Case) Build() ([][]byte, error) {
	var t *Template
	switch c.Base {
	case ServerBase:
		t = ServerTemplate()
	case ClientBase:
		t = ClientTemplate()
	case CABase:
		t = CATemplate("xmpplint corpus case CA " + c.Name)
	default:
		return nil, fmt.Errorf("case %s: unknown base %d", c.Name, c.Base)
	}
	t.X509.SerialNumber = Serial(c.Name)
	if c.Change != nil {
		c.Change(t)
	}
	root := RootTemplate()
	root.X509.SerialNumber = Serial("root")
	rootDER, err := root.Sign(nil, nil)
	if err != nil {
		return nil, err
	}
	rootCert, err := x509.ParseCertificate(rootDER)
	if err != nil {
		return nil, err
	}
	issuer, issuerKey := rootCert, Key(root.KeySeed)
	var cas [][]byte
	for i := len(c.Chain) - 1; i >= 0; i-- {
		ct := CATemplate(fmt.Sprintf("xmpplint corpus intermediate %d", i+1))
		ct.KeySeed = fmt.Sprintf("intermediate:%s:%d", c.Name, i)
		ct.X509.SerialNumber = Serial(fmt.Sprintf("%s/ca%d", c.Name, i))
		if i > 0 { // only Chain[0] issues the leaf: the CAs above it issue CAs
			ct.X509.MaxPathLenZero = false
			ct.X509.MaxPathLen = 0
		}
		if c.Chain[i] != nil {
			c.Chain[i](ct)
		}
		der, err := ct.Sign(issuer, issuerKey)
		if err != nil {
			return nil, fmt.Errorf("case %s: intermediate %d: %w", c.Name, i, err)
		}
		parsed, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, fmt.Errorf("case %s: intermediate %d: %w", c.Name, i, err)
		}
		cas = append([][]byte{der}, cas...)
		issuer, issuerKey = parsed, Key(ct.KeySeed)
	}
	der, err := t.Sign(issuer, issuerKey)
	if err != nil {
		return nil, fmt.Errorf("case %s: %w", c.Name, err)
	}
	return append([][]byte{der}, cas...), nil
}

// Sign creates the certificate, issued by parent with parentKey, or
// self-signed when t.SelfSigned or parent is nil.
func (t *Template) Sign(parent *x509.Certificate, parentKey ed25519.PrivateKey) ([]byte, error) {
	key := Key(t.KeySeed)
	tmpl := *t.X509
	tmpl.ExtraExtensions = append([]pkix.Extension(nil), tmpl.ExtraExtensions...)
	if len(t.SANs) > 0 {
		var seq []byte
		for _, gn := range t.SANs {
			seq = append(seq, gn.FullBytes...)
		}
		v, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: seq})
		if err != nil {
			return nil, err
		}
		tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, pkix.Extension{Id: OIDSAN, Critical: t.SANCritical, Value: v})
	}
	tmpl.ExtraExtensions = append(tmpl.ExtraExtensions, t.Extra...)
	if t.SelfSigned || parent == nil {
		parent, parentKey = &tmpl, key
	}
	der, err := x509.CreateCertificate(nil, &tmpl, parent, key.Public(), parentKey)
	if err != nil {
		return nil, err
	}
	if t.SignatureOID != nil {
		return resign(der, t.SignatureOID, parentKey)
	}
	return der, nil
}

// resign replaces the signature algorithm of a certificate in both places it
// appears and signs the new tbsCertificate with Ed25519: the result parses,
// and names the algorithm a case needs, but its signature does not verify.
func resign(der []byte, alg asn1.ObjectIdentifier, key ed25519.PrivateKey) ([]byte, error) {
	var outer struct {
		TBS       asn1.RawValue
		Algorithm asn1.RawValue
		Signature asn1.BitString
	}
	if _, err := asn1.Unmarshal(der, &outer); err != nil {
		return nil, err
	}
	var fields []asn1.RawValue
	rest := outer.TBS.Bytes
	for len(rest) > 0 {
		var f asn1.RawValue
		var err error
		if rest, err = asn1.Unmarshal(rest, &f); err != nil {
			return nil, err
		}
		fields = append(fields, f)
	}
	if len(fields) < 3 {
		return nil, errors.New("resign: short tbsCertificate")
	}
	algDER, err := asn1.Marshal(struct {
		Algorithm  asn1.ObjectIdentifier
		Parameters asn1.RawValue
	}{alg, asn1.RawValue{Tag: asn1.TagNull}})
	if err != nil {
		return nil, err
	}
	fields[2] = asn1.RawValue{FullBytes: algDER}
	var tbsBody []byte
	for _, f := range fields {
		tbsBody = append(tbsBody, f.FullBytes...)
	}
	tbs, err := asn1.Marshal(asn1.RawValue{Class: asn1.ClassUniversal, Tag: asn1.TagSequence, IsCompound: true, Bytes: tbsBody})
	if err != nil {
		return nil, err
	}
	sig := ed25519.Sign(key, tbs)
	return asn1.Marshal(struct {
		TBS       asn1.RawValue
		Algorithm asn1.RawValue
		Signature asn1.BitString
	}{asn1.RawValue{FullBytes: tbs}, asn1.RawValue{FullBytes: algDER}, asn1.BitString{Bytes: sig, BitLength: 8 * len(sig)}})
}

// RootDER returns the corpus root certificate.
func RootDER() ([]byte, error) {
	root := RootTemplate()
	root.X509.SerialNumber = Serial("root")
	return root.Sign(nil, nil)
}

// Render builds the case and renders its PEM file: a generated header
// (case, what it shows, options, expected results, a decoded dump of each
// certificate) followed by the PEM blocks.
func (c Case) Render() ([]byte, error) {
	ders, err := c.Build()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Code generated by go generate ./corpus; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "# case: %s\n", c.Name)
	fmt.Fprintf(&b, "# about: %s\n", c.About)
	if opts := c.optionsText(); opts != "" {
		fmt.Fprintf(&b, "# options: %s\n", opts)
	}
	names := make([]string, 0, len(c.Expect))
	for n := range c.Expect {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "# expect: %s = %s\n", n, c.Expect[n])
	}
	for i, der := range ders {
		for _, line := range Dump(der) {
			fmt.Fprintf(&b, "# [%d] %s\n", i, line)
		}
	}
	for _, der := range ders {
		if err := pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: der}); err != nil {
			return nil, err
		}
	}
	return b.Bytes(), nil
}

func (c Case) optionsText() string {
	var parts []string
	add := func(k, v string) {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	add("role", c.Role)
	add("scope", c.Scope)
	add("domains", strings.Join(c.Domains, ","))
	add("service", c.Service)
	add("srv-targets", strings.Join(c.SRVTargets, ","))
	return strings.Join(parts, " ")
}

// RenderRoot renders the corpus root certificate file.
func RenderRoot() ([]byte, error) {
	der, err := RootDER()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Code generated by go generate ./corpus; DO NOT EDIT.\n")
	fmt.Fprintf(&b, "# The corpus trust anchor: every case chains to it.\n")
	for _, line := range Dump(der) {
		fmt.Fprintf(&b, "# %s\n", line)
	}
	if err := pem.Encode(&b, &pem.Block{Type: "CERTIFICATE", Bytes: der}); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
