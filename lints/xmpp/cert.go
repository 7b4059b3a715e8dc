package xmpp

import (
	"bytes"
	"strings"
	"sync"

	"github.com/zmap/zcrypto/x509"
)

// Cert is a read-only view of one certificate for the lints: its XMPP
// identities decoded once, its EKU and key usage, its role, the options,
// and, when the engine has them, the presented chain.
type Cert struct {
	X *x509.Certificate
	// Opts are the normalised options the lints run under.
	Opts Options
	// Role is the resolved role: RoleServer, RoleClient or RoleCA.
	Role Role

	SRVNames  []SRVName
	XmppAddrs []XmppAddr
	// DNSNames are the dNSName SAN entries as written.
	DNSNames []string
	// CNs are the subject commonName values.
	CNs []string

	EKU EKU
	KU  KeyUsage

	// Chain holds the CA certificates presented after the leaf, nearest
	// issuer first. Empty when the lint runs through zlint, which lints one
	// certificate at a time: the chain lints are then NA.
	Chain []*x509.Certificate

	// Request is set when the certificate was made from a PKCS#10 request
	// (the engine's CSR input): what a CA fills in itself (an EKU or key
	// usage when none was requested, AIA, the signature algorithm) is not
	// the requester's, and the lints about it are NA.
	Request bool

	dnsOnce  sync.Once
	dnsIndex *NameIndex

	// SelfSignedFunc, when set, answers SelfSigned in place of the
	// certificates' SelfSigned field: the engine's decoder verifies no
	// signature while decoding, and checks only when asked.
	SelfSignedFunc func(*x509.Certificate) bool
}

// SelfIssued tells a certificate that names itself as its issuer: a
// self-signed certificate as deployments make them (openssl req -x509,
// prosodyctl cert generate). It reads the names only, so the verdicts and
// lints that say "self-signed" in their text need no signature check (with
// the certificate's own key, for every certificate, that would cost more
// than the lints together); a self-issued certificate signed by another key
// of the same name is as much a matter of the verifier's trust.
func SelfIssued(c *x509.Certificate) bool { return bytes.Equal(c.RawIssuer, c.RawSubject) }

// SelfSigned reports whether c (the certificate or one of its chain) is
// self-signed: issuer equal to subject and the signature made by its own
// key, as zcrypto's parse determines it.
func (v *Cert) SelfSigned(c *x509.Certificate) bool {
	if v.SelfSignedFunc != nil {
		return v.SelfSignedFunc(c)
	}
	return c.SelfSigned
}

// NewCert analyses c under opts, which must be normalised.
func NewCert(c *x509.Certificate, opts Options) *Cert {
	v := &Cert{X: c, Opts: opts, DNSNames: c.DNSNames, CNs: c.Subject.CommonNames}
	// Sized first: a certificate may hold tens of thousands of names, and
	// growing the slices would copy them over and over.
	var nsrv, nxmpp int
	for _, on := range c.OtherNames {
		switch {
		case on.TypeID.Equal(OIDSRVName):
			nsrv++
		case on.TypeID.Equal(OIDXmppAddr):
			nxmpp++
		}
	}
	if nsrv > 0 {
		v.SRVNames = make([]SRVName, 0, nsrv)
	}
	if nxmpp > 0 {
		v.XmppAddrs = make([]XmppAddr, 0, nxmpp)
	}
	for _, on := range c.OtherNames {
		switch {
		case on.TypeID.Equal(OIDSRVName):
			v.SRVNames = append(v.SRVNames, ParseSRVName(on))
		case on.TypeID.Equal(OIDXmppAddr):
			v.XmppAddrs = append(v.XmppAddrs, ParseXmppAddr(on))
		}
	}
	v.EKU = AnalyzeEKU(c)
	v.KU = AnalyzeKeyUsage(c)
	v.Role = v.detectRole()
	return v
}

// IsCA reports basicConstraints cA=TRUE.
func (v *Cert) IsCA() bool { return v.X.BasicConstraintsValid && v.X.IsCA }

// HasXMPPIdentity reports an SRV-ID or XmppAddr of any shape.
func (v *Cert) HasXMPPIdentity() bool { return len(v.SRVNames) > 0 || len(v.XmppAddrs) > 0 }

// BareDomainXmppAddrs returns the XmppAddrs that are domain JIDs.
func (v *Cert) BareDomainXmppAddrs() []XmppAddr {
	return Keep(v.XmppAddrs, (*XmppAddr).IsBareDomain)
}

// UserXmppAddrs returns the XmppAddrs with a localpart.
func (v *Cert) UserXmppAddrs() []XmppAddr {
	return Keep(v.XmppAddrs, (*XmppAddr).IsUser)
}

// Keep returns the elements of xs that keep accepts, in order. When it
// accepts them all, as it mostly does, the result is xs itself, capped so
// that appending to it copies: callers read the result, never write it.
func Keep[T any](xs []T, keep func(*T) bool) []T {
	for i := range xs {
		if keep(&xs[i]) {
			continue
		}
		out := append(make([]T, 0, len(xs)-1), xs[:i]...)
		for j := i + 1; j < len(xs); j++ {
			if keep(&xs[j]) {
				out = append(out, xs[j])
			}
		}
		return out
	}
	return xs[:len(xs):len(xs)]
}

// HasServerIdentity reports a DNS-ID, an SRV-ID or a bare-domain XmppAddr.
func (v *Cert) HasServerIdentity() bool {
	return len(v.DNSNames) > 0 || len(v.SRVNames) > 0 || len(v.BareDomainXmppAddrs()) > 0
}

// detectRole applies rules.md "Roles": a forced role wins; otherwise client
// when the certificate has a user XmppAddr and no server identity, server
// when it is an end entity or carries an SRV-ID or bare-domain XmppAddr
// (servers' own tools often make self-signed server certificates with
// cA=TRUE), and CA otherwise.
func (v *Cert) detectRole() Role {
	switch v.Opts.Role {
	case RoleServer, RoleClient:
		return v.Opts.Role
	}
	if len(v.UserXmppAddrs()) > 0 && !v.HasServerIdentity() {
		return RoleClient
	}
	if !v.IsCA() || len(v.SRVNames) > 0 || len(v.BareDomainXmppAddrs()) > 0 {
		return RoleServer
	}
	return RoleCA
}

// IsServer and IsClient report the resolved role.
func (v *Cert) IsServer() bool { return v.Role == RoleServer }

// IsClient reports the client role.
func (v *Cert) IsClient() bool { return v.Role == RoleClient }

// DNSIDCovers reports whether some DNS-ID matches domain d (lower-case
// A-label form) under RFC 9525 rules: case-insensitive, a wildcard only as
// the whole left-most label matching exactly one label.
// It costs one map look-up: the DNS-IDs are indexed on first use.
func (v *Cert) DNSIDCovers(d string) bool { return v.DNSIndex().Match(d) }

// DNSIndex is the certificate's DNS-IDs indexed for coverage questions,
// built on first use (safe for concurrent lints).
func (v *Cert) DNSIndex() *NameIndex {
	v.dnsOnce.Do(func() { v.dnsIndex = NewNameIndex(v.DNSNames) })
	return v.dnsIndex
}

// DNSMatch matches a presented DNS name (as written in a certificate) with a
// reference domain in lower-case A-label form, RFC 9525 6.3: ASCII case is
// ignored, one trailing dot on either side too, and a wildcard matches
// exactly one left-most label. It does not allocate.
func DNSMatch(presented, ref string) bool {
	p := strings.TrimSuffix(presented, ".")
	ref = strings.TrimSuffix(ref, ".")
	if p == "" || ref == "" {
		return false
	}
	if strings.HasPrefix(p, "*.") {
		if WildcardProblem(p) != "" {
			return false
		}
		dot := strings.IndexByte(ref, '.')
		return dot > 0 && EqualFoldASCII(ref[dot+1:], p[2:])
	}
	return EqualFoldASCII(p, ref)
}

// Domain returns the reference domain of an SRV-ID's Name or an XmppAddr's
// domainpart in lower-case A-label form, or "" when it cannot be mapped.
func Domain(name string) string {
	a, err := ToASCII(name)
	if err != nil {
		return ""
	}
	return a
}

// EqualFoldASCII compares a and b ignoring ASCII case only: DNS names are
// compared so (RFC 4343); Unicode case folding would let a non-ASCII
// character (U+017F LATIN SMALL LETTER LONG S) match an ASCII one.
func EqualFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
