package xmpp_test

import (
	"crypto/ed25519"
	"crypto/sha256"
	stdx509 "crypto/x509"
	stdpkix "crypto/x509/pkix"
	stdasn1 "encoding/asn1"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"
	"github.com/zmap/zlint/v3/lint"

	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// The fuzz targets below check that the decoders and helpers never panic
// and keep their documented invariants, whatever the input. CI runs their
// seeds (f.Add and testdata/fuzz/<Target>); run one for longer with e.g.
//
//	go test ./lints/xmpp -run '^$' -fuzz '^FuzzLintsOnOtherNames$' -fuzztime 60s
//
// The files in testdata/fuzz hold the otherName values (inner TLVs) of the
// real certificates described in the project's realcerts collection, named
// after them: jabber.org's 2009 certificate (SRVName and XmppAddr
// "*.jabber.org"), a PrintableString XmppAddr (Busch-Jaeger), a UTF8String
// SRVName (GnuTLS), an embedded NUL and an SRVName without service label
// (Node.js escaping tests), a non-XMPP SRVName (Openfire), ejabberd's
// backslash localpart, posh.badxmpp.eu and libstrophe's long JID.

// otherName wraps inner bytes the way zcrypto hands them to the decoders:
// Value is the [0] EXPLICIT wrapper, Value.Bytes the inner TLV.
func otherName(oid asn1.ObjectIdentifier, inner []byte) pkix.OtherName {
	return pkix.OtherName{TypeID: oid, Value: asn1.RawValue{Class: asn1.ClassContextSpecific, Tag: 0, IsCompound: true, Bytes: inner}}
}

// tlv encodes a universal primitive TLV with a short or long length.
func tlv(tag byte, content string) []byte {
	b, err := stdasn1.Marshal(stdasn1.RawValue{Class: stdasn1.ClassUniversal, Tag: int(tag), Bytes: []byte(content)})
	if err != nil {
		panic(err) // only for seeds, fixed inputs
	}
	return b
}

// innerSeeds are otherName inner values worth starting from: the shapes the
// real certificates in the corpus README show, and broken encodings.
var innerSeeds = [][]byte{
	tlv(xmpp.TagIA5String, "_xmpp-server.example.org"),
	tlv(xmpp.TagIA5String, "*.jabber.org"),
	tlv(xmpp.TagIA5String, "_xmpp-server._tcp.example.org"),
	tlv(xmpp.TagIA5String, "_XMPPS-client.bücher.example."),
	tlv(xmpp.TagIA5String, ""),
	tlv(xmpp.TagUTF8String, "example.org"),
	tlv(xmpp.TagUTF8String, "juliet@example.org/balcony"),
	tlv(xmpp.TagUTF8String, "good.example.com\x00abc123"),
	tlv(xmpp.TagUTF8String, "Juliet@ＥＸＡＭＰＬＥ.org"),
	tlv(xmpp.TagUTF8String, "test_single!#$%^*()`~+-;_=[]{}|\\@localhost"),
	tlv(xmpp.TagPrintableString, "f4fabb09@xmpp.example.de"),
	tlv(xmpp.TagBMPString, "\x00e\x00x"),
	{xmpp.TagUTF8String, 0x81},                            // truncated long length
	{xmpp.TagIA5String, 5, '_'},                           // truncated content
	{0x30, 3, 0x0c, 1, 'a'},                               // constructed
	{xmpp.TagUTF8String, 1, 'a', 0},                       // trailing byte
	{0x1f, 0x8f, 0xff, 0xff, 0xff, 0x7f, 0},               // huge tag number
	{xmpp.TagUTF8String, 0x84, 0xff, 0xff, 0xff, 0xff, 0}, // huge length
	{},
}

func FuzzDecodeOtherName(f *testing.F) {
	for _, s := range innerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inner []byte) {
		v := xmpp.DecodeOtherName(otherName(xmpp.OIDXmppAddr, inner))
		_ = v.String()
		if v.Err == nil && len(v.Value) > len(inner) {
			t.Fatalf("value of %d bytes from %d input bytes", len(v.Value), len(inner))
		}
		s := xmpp.ParseSRVName(otherName(xmpp.OIDSRVName, inner))
		if s.Err == nil && s.Value != v.Value {
			t.Fatalf("SRVName %q and plain decoding %q differ", s.Value, v.Value)
		}
		if s.Shaped && s.Value != "_"+s.Service+"."+s.Name {
			t.Fatalf("SRVName %q split into %q and %q", s.Value, s.Service, s.Name)
		}
		x := xmpp.ParseXmppAddr(otherName(xmpp.OIDXmppAddr, inner))
		if x.Err != nil && (x.IsBareDomain() || x.IsUser()) {
			t.Fatalf("undecodable XmppAddr counted as a JID: %v", x.Err)
		}
	})
}

func FuzzParseSRVName(f *testing.F) {
	for _, s := range []string{"_xmpp-server.example.org", "_.x", "_x.", "_x", "x.y", "_a.b.c", "_xmpp-client._tcp.*.example.org.", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		service, name, ok := xmpp.SplitSRVName(v)
		if !ok {
			if service != "" || name != "" {
				t.Fatalf("unshaped %q gave %q, %q", v, service, name)
			}
			return
		}
		if service == "" || name == "" || strings.Contains(service, ".") || "_"+service+"."+name != v {
			t.Fatalf("%q split into %q and %q", v, service, name)
		}
		inner, err := stdasn1.Marshal(stdasn1.RawValue{Tag: xmpp.TagIA5String, Bytes: []byte(v)})
		if err != nil {
			t.Skip("fuzz input outside the property: not encodable as an IA5String")
		}
		s := xmpp.ParseSRVName(otherName(xmpp.OIDSRVName, inner))
		if !s.Shaped || s.Service != service || s.Name != name || !s.IsString(xmpp.TagIA5String) {
			t.Fatalf("ParseSRVName(%q) = %+v", v, s)
		}
	})
}

func FuzzParseXmppAddr(f *testing.F) {
	for _, s := range innerSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, inner []byte) {
		x := xmpp.ParseXmppAddr(otherName(xmpp.OIDXmppAddr, inner))
		_ = x.String()
		if x.IsBareDomain() && x.IsUser() {
			t.Fatalf("%s is both a bare domain and a user JID", x)
		}
	})
}

func FuzzAnalyzeJID(f *testing.F) {
	for _, s := range []string{"example.org", "juliet@example.org/balcony", "@example.org", "example.org/", "a@b@c",
		"Juliet@ＥＸＡＭＰＬＥ.org", "*.example.org", "xn--bcher-kva.example", "bücher.example.", "[::1]", "\xff", "/", "@", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		j := xmpp.AnalyzeJID(s)
		if j.Err != nil && len(j.NonCanonical) > 0 {
			t.Fatalf("%q: canonical forms for an invalid JID", s)
		}
		if j.Err == nil && !utf8.ValidString(s) {
			t.Fatalf("%q: invalid UTF-8 accepted", s)
		}
		if j.HasResource != strings.Contains(s, "/") {
			t.Fatalf("%q: HasResource %t", s, j.HasResource)
		}
	})
}

// dnsNameProblemBySplit is DNSNameProblem written the plain way, labels
// from strings.Split, as the oracle for the allocation-free one.
func dnsNameProblemBySplit(name string, wildcardOK bool) string {
	if name == "" || !xmpp.IsASCII(name) || len(strings.TrimSuffix(name, ".")) > 253 {
		return xmpp.DNSNameProblem(name, wildcardOK) // the checks before the labels
	}
	q := func(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
	for _, l := range strings.Split(strings.TrimSuffix(name, "."), ".") {
		switch {
		case l == "":
			return "empty label"
		case strings.Contains(l, "*"):
			if !wildcardOK {
				return "label " + q(l) + " holds '*'"
			}
		case !xmpp.IsLDHLabel(l):
			return "label " + q(l) + " is not letters, digits and inner hyphens of at most 63 characters"
		}
	}
	return ""
}

func FuzzDNSNameProblem(f *testing.F) {
	for _, s := range []string{"example.org", "example.org.", "*.example.org", "a*.example.org", "*", "-a.b", "a..b", "bücher.example", strings.Repeat("a.", 130), ""} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, name string, wildcardOK bool) {
		p := xmpp.DNSNameProblem(name, wildcardOK)
		if want := dnsNameProblemBySplit(name, wildcardOK); p != want {
			t.Fatalf("DNSNameProblem(%q, %v) = %q; splitting the labels gives %q", name, wildcardOK, p, want)
		}
		if p != "" {
			return
		}
		if name == "" || !xmpp.IsASCII(name) {
			t.Fatalf("%q accepted", name)
		}
		if !wildcardOK && strings.Contains(name, "*") {
			t.Fatalf("%q accepted without wildcards", name)
		}
	})
}

func FuzzWildcardProblem(f *testing.F) {
	for _, s := range []string{"*.example.org", "*", "*.", "a*.example.org", "a.*.org", "*.*.org", "example.org", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		p := xmpp.WildcardProblem(name)
		n := strings.Count(name, "*")
		if p == "" && n > 0 && (n != 1 || !strings.HasPrefix(name, "*.")) {
			t.Fatalf("%q accepted as a wildcard", name)
		}
		if p != "" && n == 0 {
			t.Fatalf("%q without '*' rejected: %s", name, p)
		}
		if xmpp.IsWildcard(name) != (p == "" && n == 1) {
			t.Fatalf("IsWildcard(%q) disagrees with WildcardProblem", name)
		}
	})
}

func FuzzServiceNameProblem(f *testing.F) {
	for _, s := range []string{"xmpp-server", "xmpps-client", "XMPP", "a--b", "-a", "a-", "123", "abcdefghijklmnop", "x_y", "ü", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if xmpp.ServiceNameProblem(s) != "" {
			return
		}
		letter := false
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
				letter = true
			case c >= '0' && c <= '9' || c == '-':
			default:
				t.Fatalf("%q accepted with %q", s, c)
			}
		}
		if len(s) == 0 || len(s) > 15 || !letter || strings.Contains(s, "--") || s[0] == '-' || s[len(s)-1] == '-' {
			t.Fatalf("%q accepted", s)
		}
	})
}

func FuzzToASCII(f *testing.F) {
	for _, s := range []string{"example.org", "Bücher.Example.", "xn--bcher-kva.example", "xn--zz", "ＥＸＡＭＰＬＥ.org", "*.example.org", "a..b", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := xmpp.ToASCII(s)
		_ = xmpp.ToUnicode(s)
		if err != nil {
			return
		}
		if a != strings.ToLower(a) || !xmpp.IsASCII(a) {
			t.Fatalf("ToASCII(%q) = %q: not lower-case ASCII", s, a)
		}
		// A domain in A-label form maps to itself.
		if b, err := xmpp.ToASCII(a); err != nil || b != strings.TrimSuffix(a, ".") {
			t.Fatalf("ToASCII(%q) = %q, then %q (%v)", s, a, b, err)
		}
	})
}

// fuzzKeys are fixed keys: the issuing CA and the certificate's own.
var fuzzKeys = struct{ ca, leaf ed25519.PrivateKey }{fuzzKey("ca"), fuzzKey("leaf")}

func fuzzKey(name string) ed25519.PrivateKey {
	seed := sha256.Sum256([]byte("xmpplint fuzz key " + name))
	return ed25519.NewKeyFromSeed(seed[:])
}

var (
	oidSRVName  = stdasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 7}
	oidXmppAddr = stdasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}
	oidSAN      = stdasn1.ObjectIdentifier{2, 5, 29, 17}
)

// context encodes a context-specific TLV.
func context(tag int, constructed bool, content []byte) []byte {
	b, err := stdasn1.Marshal(stdasn1.RawValue{Class: stdasn1.ClassContextSpecific, Tag: tag, IsCompound: constructed, Bytes: content})
	if err != nil {
		panic(err) // lengths of a fuzz input always encode
	}
	return b
}

// sanOtherName encodes an otherName GeneralName whose [0] EXPLICIT value
// holds inner as it is, valid DER or not.
func sanOtherName(oid stdasn1.ObjectIdentifier, inner []byte) []byte {
	oidDER, err := stdasn1.Marshal(oid)
	if err != nil {
		panic(err)
	}
	return context(0, true, append(oidDER, context(0, true, inner)...))
}

// fuzzCert builds a certificate around the fuzzed otherName values. flags
// pick the other fields: bit 0 a DNS-ID, bit 1 an rfc822Name, bits 2-3 the
// EKU (none, serverAuth, clientAuth, both), bit 4 self-signed, bit 5 cA=TRUE.
func fuzzCert(srv, xmppAddr []byte, flags uint8) (leaf, ca *x509.Certificate, ok bool) {
	var seq []byte
	if flags&1 != 0 {
		seq = append(seq, context(2, false, []byte("example.org"))...)
	}
	if flags&2 != 0 {
		seq = append(seq, context(1, false, []byte("juliet@example.org"))...)
	}
	seq = append(seq, sanOtherName(oidSRVName, srv)...)
	seq = append(seq, sanOtherName(oidXmppAddr, xmppAddr)...)
	san, err := stdasn1.Marshal(stdasn1.RawValue{Tag: stdasn1.TagSequence, IsCompound: true, Bytes: seq})
	if err != nil {
		return nil, nil, false
	}
	notBefore := time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)
	caTmpl := &stdx509.Certificate{
		SerialNumber: big.NewInt(1), Subject: stdpkix.Name{CommonName: "fuzz CA"},
		NotBefore: notBefore, NotAfter: notBefore.AddDate(1, 0, 0),
		BasicConstraintsValid: true, IsCA: true, KeyUsage: stdx509.KeyUsageCertSign,
	}
	tmpl := &stdx509.Certificate{
		SerialNumber: big.NewInt(2), Subject: stdpkix.Name{CommonName: "juliet@example.org"},
		NotBefore: notBefore, NotAfter: notBefore.AddDate(1, 0, 0),
		BasicConstraintsValid: true, IsCA: flags&32 != 0, KeyUsage: stdx509.KeyUsageDigitalSignature,
		ExtraExtensions: []stdpkix.Extension{{Id: oidSAN, Value: san}},
	}
	switch (flags >> 2) & 3 {
	case 1:
		tmpl.ExtKeyUsage = []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth}
	case 2:
		tmpl.ExtKeyUsage = []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageClientAuth}
	case 3:
		tmpl.ExtKeyUsage = []stdx509.ExtKeyUsage{stdx509.ExtKeyUsageServerAuth, stdx509.ExtKeyUsageClientAuth}
	}
	caDER, err := stdx509.CreateCertificate(nil, caTmpl, caTmpl, fuzzKeys.ca.Public(), fuzzKeys.ca)
	if err != nil {
		return nil, nil, false
	}
	parent, parentKey := caTmpl, fuzzKeys.ca
	if flags&16 != 0 {
		parent, parentKey = tmpl, fuzzKeys.leaf
	}
	der, err := stdx509.CreateCertificate(nil, tmpl, parent, fuzzKeys.leaf.Public(), parentKey)
	if err != nil {
		return nil, nil, false
	}
	if leaf, err = x509.ParseCertificate(der); err != nil {
		return nil, nil, false
	}
	if ca, err = x509.ParseCertificate(caDER); err != nil {
		return nil, nil, false
	}
	return leaf, ca, true
}

// allowedStatus is the promise of each prefix (rules.md, Conventions).
func allowedStatus(name string, s lint.LintStatus) bool {
	switch s {
	case lint.NA, lint.NE, lint.Pass:
		return true
	case lint.Error:
		return name[0] == 'e'
	case lint.Warn:
		return name[0] == 'w'
	case lint.Notice:
		return name[0] == 'n'
	}
	return false
}

// FuzzLintsOnOtherNames builds a certificate around fuzzed SRVName and
// XmppAddr inner bytes, parses it with zcrypto and runs every registered
// lint under every role, scope and a target domain: no panic, no Fatal, no
// status outside the name's promise, Details on every finding.
func FuzzLintsOnOtherNames(f *testing.F) {
	for i, s := range innerSeeds {
		f.Add(s, innerSeeds[(i+5)%len(innerSeeds)], uint8(i*13))
	}
	roles := []xmpp.Role{xmpp.RoleAuto, xmpp.RoleServer, xmpp.RoleClient}
	scopes := []xmpp.Scope{xmpp.ScopeBoth, xmpp.ScopeS2S, xmpp.ScopeC2S}
	f.Fuzz(func(t *testing.T, srv, xmppAddr []byte, flags uint8) {
		leaf, ca, ok := fuzzCert(srv, xmppAddr, flags)
		if !ok {
			t.Skip("fuzz input outside the property: no certificate can be built from it")
		}
		for i, role := range roles {
			opts, err := xmpp.Options{Role: role, Scope: scopes[(i+int(flags>>6))%len(scopes)], Domains: []string{"example.org"}}.Normalize()
			if err != nil {
				t.Fatal(err)
			}
			v := xmpp.NewCert(leaf, opts)
			if flags&16 == 0 {
				v.Chain = []*x509.Certificate{ca}
			}
			for _, info := range xmpp.All() {
				res := info.Run(v)
				switch {
				case res == nil:
					t.Fatalf("%s (role %s): nil result", info.Name, role)
				case res.Status == lint.Fatal:
					t.Fatalf("%s (role %s): Fatal: %s", info.Name, role, res.Details)
				case !allowedStatus(info.Name, res.Status):
					t.Fatalf("%s (role %s) returned %s: %s", info.Name, role, res.Status, res.Details)
				case res.Status > lint.Pass && res.Details == "":
					t.Fatalf("%s (role %s) returned %s without Details", info.Name, role, res.Status)
				}
			}
		}
	})
}

func TestDNSMatchASCIIOnly(t *testing.T) {
	for _, c := range []struct {
		p, ref string
		want   bool
	}{
		{"Example.ORG", "example.org", true},
		{"example.org.", "example.org", true},
		{"*.Example.org", "chat.example.org", true},
		{"*.example.org", "example.org", false},
		{"*.example.org", "a.b.example.org", false},
		{"exam\u017fple.org", "examsple.org", false},
		{"\u212aey.org", "key.org", false},
	} {
		if got := xmpp.DNSMatch(c.p, c.ref); got != c.want {
			t.Errorf("DNSMatch(%q, %q) = %t", c.p, c.ref, got)
		}
	}
}

// FuzzToASCIIFastPath: the fast path for plain LDH names gives what the
// IDNA mapping gives.
func FuzzToASCIIFastPath(f *testing.F) {
	for _, s := range []string{"Example.ORG", "a-b.c", "xn--bcher-kva.example", "ab--cd.example", "a..b", "-a.b", "a.b.", "A"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := xmpp.ToASCII(s)
		want, werr := xmpp.ToASCIISlow(s)
		if (err == nil) != (werr == nil) || got != want {
			t.Errorf("ToASCII(%q) = %q, %v; the IDNA mapping gives %q, %v", s, got, err, want, werr)
		}
		if got, want := xmpp.ToUnicode(s), xmpp.ToUnicodeSlow(s); got != want {
			t.Errorf("ToUnicode(%q) = %q; the IDNA mapping gives %q", s, got, want)
		}
	})
}

// FuzzAnalyzeJIDFastPath: the fast path for plain bare domains gives what
// the full analysis gives.
func FuzzAnalyzeJIDFastPath(f *testing.F) {
	for _, s := range []string{"example.org", "example.org.", "Example.org", "a@b", "b/c", "1.2.3.4", "xn--bcher-kva.example", "ab--c.example", "a..b", "."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, want := xmpp.AnalyzeJID(s), xmpp.AnalyzeJIDSlow(s)
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("AnalyzeJID(%q) = %+v; the full analysis gives %+v", s, got, want)
		}
	})
}
