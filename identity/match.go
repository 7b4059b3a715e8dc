package identity

import (
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/net/idna"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Method is how a presented identifier matched.
type Method string

// Methods.
const (
	MethodDNSID         Method = "DNS-ID"
	MethodDNSIDWildcard Method = "DNS-ID wildcard"
	MethodSRVID         Method = "SRV-ID"
	MethodXmppAddr      Method = "XmppAddr"
	MethodCN            Method = "CN"
)

// Identifier is one identifier the certificate presents, with the method it
// is (or would be) matched by.
type Identifier struct {
	Method Method `json:"method"`
	// Value is the value as written in the certificate.
	Value string `json:"value"`
}

// String renders the identifier for reasons and Details: `DNS-ID "x"`.
func (i Identifier) String() string { return fmt.Sprintf("%s %q", i.Method, i.Value) }

// Miss is an identifier that matches the domain under RFC 9525 (for a CN:
// read as a DNS name) but not under the rules applied, with the reason.
type Miss struct {
	Identifier
	Why string `json:"why"`
}

// TargetMatch is an identifier that matches an SRV target, not the domain.
type TargetMatch struct {
	Target string `json:"target"`
	Identifier
}

// Query is what a certificate is checked for.
type Query struct {
	// Domain is the reference identifier: the XMPP domain, as U-labels or
	// A-labels, any case, optional trailing dot.
	Domain string
	// Service is xmpp-server (the default) or xmpp-client; case and a
	// leading underscore are ignored.
	Service string
	// SRVTargets are hosts the domain's SRV records point at. They are
	// never reference identifiers; matches on them are only reported.
	SRVTargets []string
}

// Result is the answer for one domain under one set of rules.
type Result struct {
	// Rules names the rules applied.
	Rules   string `json:"rules"`
	Domain  Domain `json:"domain"`
	Service string `json:"service"`
	// Matches are the identifiers that match the domain under the rules.
	Matches []Identifier `json:"matches,omitempty"`
	// Missed are identifiers that match under RFC 9525 (a CN: as a DNS
	// name) but not under the rules, with why. Under RFC9525 itself only CNs
	// appear here.
	Missed []Miss `json:"missed,omitempty"`
	// WrongForm are identifiers that equal the domain only in the other IDN
	// form: U-labels in a dNSName or SRV-ID, A-labels in an XmppAddr.
	WrongForm []Identifier `json:"wrong_form,omitempty"`
	// WildcardParent are `*.D` values (dNSName, or SRV-ID for the service):
	// they cover D's subdomains, never D itself (RFC 9525 6.3).
	WildcardParent []string `json:"wildcard_parent,omitempty"`
	// OtherService are SRV-IDs naming the domain for another service.
	OtherService []string `json:"other_service,omitempty"`
	// Targets are identifiers that match an SRV target and not the domain.
	Targets []TargetMatch `json:"srv_targets,omitempty"`
}

// Matched reports whether some identifier matches the domain.
func (r Result) Matched() bool { return len(r.Matches) > 0 }

// OnlyVia reports whether the domain matches, and only through identifiers
// of the given methods.
func (r Result) OnlyVia(methods ...Method) bool {
	if len(r.Matches) == 0 {
		return false
	}
	for _, m := range r.Matches {
		found := false
		for _, want := range methods {
			if m.Method == want {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// MissedVia returns the missed identifiers of a method.
func (r Result) MissedVia(method Method) []Miss {
	var out []Miss
	for _, m := range r.Missed {
		if m.Method == method {
			out = append(out, m)
		}
	}
	return out
}

// NormalizeService maps a service name to xmpp-server or xmpp-client
// (lower case, no underscore); anything else is returned as given, lower
// case.
func NormalizeService(s string) string {
	s = strings.TrimPrefix(strings.ToLower(strings.TrimSpace(s)), "_")
	if s == "" {
		return xmpp.ServiceServer
	}
	return s
}

// Match checks the certificate for one domain and service under rules.
// It fails only when the domain is not a domain name.
func Match(v *xmpp.Cert, q Query, rules Rules) (Result, error) {
	d, err := ParseDomain(q.Domain)
	if err != nil {
		return Result{}, err
	}
	m := matcher{v: v, rules: rules, service: NormalizeService(q.Service)}
	res := Result{Rules: rules.Name, Domain: d, Service: m.service}
	var targets []Domain
	for _, t := range q.SRVTargets {
		if td, err := ParseDomain(t); err == nil && td.ALabel != d.ALabel {
			targets = append(targets, td)
		}
	}
	m.dnsIDs(&res, d, targets)
	m.srvIDs(&res, d, targets)
	m.xmppAddrs(&res, d, targets)
	m.cns(&res, d, targets)
	return res, nil
}

// ForCert runs Match for every domain of the certificate's options, with
// their service and SRV targets, under rules. Domains that are not domain
// names are skipped (the options were validated before).
func ForCert(v *xmpp.Cert, rules Rules) []Result {
	var out []Result
	for _, d := range v.Opts.Domains {
		r, err := Match(v, Query{Domain: d, Service: v.Opts.Service, SRVTargets: v.Opts.SRVTargets}, rules)
		if err == nil {
			out = append(out, r)
		}
	}
	return out
}

// Crash returns the XmppAddr value that makes a verifier with the
// XmppAddrCrash rule fail: a UTF8String XmppAddr that is a valid bare-domain
// JID whose domainpart maps to A-labels (ejabberd's get_domains_from_san
// returns the idna:utf8_to_ascii result as a binary where lists:flatmap
// needs a list; when the mapping fails it returns [] and nothing crashes).
// Validity under RFC 7622, and IDNA2008 registration rules on the
// domainpart mapped for case and width, stand in for ejabberd's jid:decode and
// idna:utf8_to_ascii; TestEjabberdRealCode checks them against the
// installed ejabberd code.
func Crash(v *xmpp.Cert, rules Rules) (string, bool) {
	if vals := CrashValues(v, rules); len(vals) > 0 {
		return vals[0], true
	}
	return "", false
}

// CrashValues returns every XmppAddr value that makes a verifier with the
// XmppAddrCrash rule fail (see Crash), in certificate order.
func CrashValues(v *xmpp.Cert, rules Rules) []string {
	if rules.XmppAddr != XmppAddrCrash {
		return nil
	}
	var out []string
	for _, x := range v.XmppAddrs {
		if !x.IsString(xmpp.TagUTF8String) || !x.IsBareDomain() || x.JID.Err != nil {
			continue
		}
		// Map case and width as nameprep does, then require IDNA2008.
		if idna2008(xmpp.ToUnicode(strings.TrimSuffix(x.JID.Domain, "."))) {
			out = append(out, x.Value)
		}
	}
	return out
}

// idna2008 approximates IDNA2008 validity (RFC 5892): x/net/idna's
// registration checks (hyphens, bidi, lengths) plus letters, marks and
// digits only, which leaves out the symbols UTS 46 still lets through
// (U+2044 FRACTION SLASH, which the mapping of "¼" gives).
func idna2008(dom string) bool {
	if xmpp.PlainLDH(dom) && !xmpp.HasUpperASCII(dom) {
		return true // LDH labels, no A-label: valid, and the check is costly
	}
	if _, err := idna.Registration.ToASCII(dom); err != nil {
		return false
	}
	for _, r := range dom {
		if r != '.' && r != '-' && !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

type matcher struct {
	v       *xmpp.Cert
	rules   Rules
	service string
}

func (m matcher) dns(presented, ref string) bool { return dnsMatch(m.rules.DNS, presented, ref) }

// dnsMethod is the method of a DNS-ID that matched under rule.
func dnsMethod(rule DNSRule, presented string) Method {
	if isWildcardMatch(rule, presented) {
		return MethodDNSIDWildcard
	}
	return MethodDNSID
}

func (m matcher) dnsIDs(res *Result, d Domain, targets []Domain) {
	for _, p := range m.v.DNSNames {
		switch {
		case m.dns(p, d.ALabel):
			res.Matches = append(res.Matches, Identifier{dnsMethod(m.rules.DNS, p), p})
		case xmpp.DNSMatch(p, d.ALabel):
			res.Missed = append(res.Missed, Miss{Identifier{dnsMethod(DNSRFC9525, p), p}, m.dnsWhy("dNSName", p)})
		default:
			if wrongFormDNS(p, d) {
				res.WrongForm = append(res.WrongForm, Identifier{dnsMethod(DNSRFC9525, p), p})
			}
			if wildcardParent(p, d) {
				res.WildcardParent = append(res.WildcardParent, p)
			}
			for _, t := range targets {
				if m.dns(p, t.ALabel) {
					res.Targets = append(res.Targets, TargetMatch{t.Input, Identifier{dnsMethod(m.rules.DNS, p), p}})
				}
			}
		}
	}
}

func (m matcher) srv(s xmpp.SRVName, ref string) bool {
	if s.Err != nil || !s.Shaped {
		return false
	}
	switch m.rules.SRV {
	case SRVCaseInsensitive:
		return s.IsString(xmpp.TagIA5String) && strings.EqualFold(s.Service, m.service) && m.dns(s.Name, ref)
	case SRVCaseSensitive:
		return s.Service == m.service && m.dns(s.Name, ref)
	}
	return false
}

func (m matcher) srvIDs(res *Result, d Domain, targets []Domain) {
	for _, s := range m.v.SRVNames {
		if s.Err != nil || !s.Shaped {
			continue
		}
		id := Identifier{MethodSRVID, s.Value}
		sameService := strings.EqualFold(s.Service, m.service)
		rfc := s.IsString(xmpp.TagIA5String) && sameService && xmpp.DNSMatch(s.Name, d.ALabel)
		switch {
		case m.srv(s, d.ALabel):
			res.Matches = append(res.Matches, id)
		case rfc:
			res.Missed = append(res.Missed, Miss{id, m.srvWhy(s)})
		default:
			if !sameService && xmpp.DNSMatch(s.Name, d.ALabel) {
				res.OtherService = append(res.OtherService, s.Value)
			}
			if sameService && wrongFormDNS(s.Name, d) {
				res.WrongForm = append(res.WrongForm, id)
			}
			if sameService && wildcardParent(s.Name, d) {
				res.WildcardParent = append(res.WildcardParent, s.Value)
			}
			for _, t := range targets {
				if m.srv(s, t.ALabel) {
					res.Targets = append(res.Targets, TargetMatch{t.Input, id})
				}
			}
		}
	}
}

// rfcXmppAddr reports whether x is a bare-domain XmppAddr for the domain
// ref (U-label form) under RFC 6120 and RFC 7622.
func rfcXmppAddr(x xmpp.XmppAddr, ulabel string) bool {
	if !x.IsString(xmpp.TagUTF8String) || !x.IsBareDomain() || x.JID.Err != nil {
		return false
	}
	dom := strings.TrimSuffix(x.JID.Domain, ".")
	return !xmpp.HasALabel(dom) && xmpp.ToUnicode(dom) == ulabel
}

func (m matcher) xmpp(x xmpp.XmppAddr, ulabel string) bool {
	switch m.rules.XmppAddr {
	case XmppAddrULabel:
		return rfcXmppAddr(x, ulabel)
	case XmppAddrC2SOnly:
		// compare_xmppaddr: nameprep of both sides, values holding '@' or
		// '/' skipped, no trailing-dot handling.
		return m.service == xmpp.ServiceClient && x.Err == nil && !strings.ContainsAny(x.Value, "@/") &&
			!strings.HasSuffix(x.Value, ".") && !xmpp.HasALabel(x.Value) && xmpp.ToUnicode(x.Value) == ulabel
	}
	return false
}

func (m matcher) xmppAddrs(res *Result, d Domain, targets []Domain) {
	for _, x := range m.v.XmppAddrs {
		if x.Err != nil {
			continue
		}
		id := Identifier{MethodXmppAddr, x.Value}
		switch {
		case m.xmpp(x, d.ULabel):
			res.Matches = append(res.Matches, id)
		case rfcXmppAddr(x, d.ULabel):
			res.Missed = append(res.Missed, Miss{id, m.xmppWhy(x)})
		default:
			if x.IsBareDomain() && x.JID.Err == nil {
				dom := strings.TrimSuffix(x.JID.Domain, ".")
				if xmpp.HasALabel(dom) && xmpp.ToUnicode(dom) == d.ULabel {
					res.WrongForm = append(res.WrongForm, id)
				}
			}
			for _, t := range targets {
				if m.xmpp(x, t.ULabel) {
					res.Targets = append(res.Targets, TargetMatch{t.Input, id})
				}
			}
		}
	}
}

// cn reports whether the i-th CN matches ref under the rules, and when it
// is not read, why.
func (m matcher) cn(i int, cn, ref string) (bool, string) {
	switch m.rules.CN {
	case CNIfNoSAN:
		v := m.v
		if len(v.DNSNames) > 0 || len(v.SRVNames) > 0 || len(v.XmppAddrs) > 0 || len(v.X.URIs) > 0 {
			return false, fmt.Sprintf("CN %q is not read when the certificate has a dNSName, SRV-ID, XmppAddr or URI", cn)
		}
		if len(v.CNs) > 1 {
			return false, fmt.Sprintf("CN %q is not read: the subject has %d CNs", cn, len(v.CNs))
		}
		return m.dns(cn, ref), ""
	case CNIfNoDNSName:
		if len(m.v.DNSNames) > 0 {
			return false, fmt.Sprintf("CN %q is not read when a dNSName is present", cn)
		}
		return m.dns(cn, ref), ""
	case CNFirstAsJID:
		if i > 0 {
			return false, fmt.Sprintf("CN %q is not read: only the first CN is", cn)
		}
		if strings.ContainsAny(cn, "@/") {
			return false, fmt.Sprintf("CN %q is not a bare domain", cn)
		}
		return m.dns(strings.ToLower(cn), ref), ""
	}
	return false, fmt.Sprintf("CN %q is not an identity (RFC 9525 2)", cn)
}

func (m matcher) cns(res *Result, d Domain, targets []Domain) {
	for i, cn := range m.v.CNs {
		id := Identifier{MethodCN, cn}
		ok, why := m.cn(i, cn, d.ALabel)
		switch {
		case ok:
			res.Matches = append(res.Matches, id)
		case xmpp.DNSMatch(cn, d.ALabel):
			if why == "" {
				why = m.dnsWhy("CN", cn)
			}
			res.Missed = append(res.Missed, Miss{id, why})
		default:
			for _, t := range targets {
				if ok, _ := m.cn(i, cn, t.ALabel); ok {
					res.Targets = append(res.Targets, TargetMatch{t.Input, id})
				}
			}
		}
	}
}

// wrongFormDNS reports whether a DNS-style name written with U-labels
// matches the domain once mapped to A-labels.
func wrongFormDNS(p string, d Domain) bool {
	if xmpp.IsASCII(p) {
		return false
	}
	prefix, rest := "", p
	if r, ok := strings.CutPrefix(p, "*."); ok {
		prefix, rest = "*.", r
	}
	a, err := xmpp.ToASCII(rest)
	return err == nil && xmpp.DNSMatch(prefix+a, d.ALabel)
}

// wildcardParent reports whether p is `*.D`.
func wildcardParent(p string, d Domain) bool {
	p = strings.ToLower(strings.TrimSuffix(p, "."))
	return xmpp.IsWildcard(p) && p[2:] == d.ALabel
}

func (m matcher) dnsWhy(kind, p string) string {
	switch m.rules.DNS {
	case DNSEjabberd:
		if xmpp.HasUpperASCII(p) {
			return fmt.Sprintf("%s %q is compared byte for byte and has upper case", kind, p)
		}
		if strings.HasSuffix(p, ".") {
			return fmt.Sprintf("%s %q is compared byte for byte, trailing dot included", kind, p)
		}
	case DNSProsody, DNSOpenSSL:
		if strings.HasSuffix(p, ".") {
			return fmt.Sprintf("%s %q is compared with its trailing dot", kind, p)
		}
		if m.rules.DNS == DNSOpenSSL && strings.HasPrefix(p, "*.") && validStar(p) < 0 {
			return fmt.Sprintf("%s %q: OpenSSL takes no wildcard with fewer than two labels after it", kind, p)
		}
	}
	return fmt.Sprintf("%s %q does not match under %s rules", kind, p, m.rules.Name)
}

func (m matcher) srvWhy(s xmpp.SRVName) string {
	switch m.rules.SRV {
	case SRVNone:
		return fmt.Sprintf("no SRV-ID support (%q)", s.Value)
	case SRVCaseSensitive:
		if s.Service != m.service {
			return fmt.Sprintf("SRV-ID service %q is compared case-sensitively", "_"+s.Service)
		}
	}
	return m.dnsWhy("SRV-ID", s.Value)
}

func (m matcher) xmppWhy(x xmpp.XmppAddr) string {
	switch m.rules.XmppAddr {
	case XmppAddrNone:
		return fmt.Sprintf("no XmppAddr support (%q)", x.Value)
	case XmppAddrC2SOnly:
		if m.service != xmpp.ServiceClient {
			return fmt.Sprintf("XmppAddr %q is never matched on s2s", x.Value)
		}
		if strings.HasSuffix(x.Value, ".") {
			return fmt.Sprintf("XmppAddr %q is compared with its trailing dot", x.Value)
		}
	case XmppAddrCrash:
		return fmt.Sprintf("XmppAddr %q crashes the check", x.Value)
	}
	return fmt.Sprintf("XmppAddr %q does not match under %s rules", x.Value, m.rules.Name)
}
