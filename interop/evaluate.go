package interop

import (
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/identity"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// Evaluate predicts, for every model of Models and every direction, what the
// verifier does with the leaf v and its presented chain v.Chain (nearest
// issuer first, possibly empty), for the domains of v.Opts.Domains. A CA
// certificate (role ca) gets no verdicts: verdicts are for leaves.
//
// The checks run in the order the verifiers run them: the OpenSSL purpose
// at every depth of the presented chain, then (ejabberd) the crash on a
// bare-domain XmppAddr, then the identity of each domain. Verdicts assume
// the chain ends at a root the verifier trusts. The service follows the
// direction (xmpp-server on s2s, xmpp-client on c2s), so v.Opts.Service is
// not read; neither are the scope (every direction is reported) nor the
// SRV targets (never reference identifiers).
func Evaluate(v *xmpp.Cert) Verdicts {
	if v == nil || v.X == nil || v.Role == xmpp.RoleCA {
		return Verdicts{}
	}
	out := make(Verdicts, len(Models))
	all := make([]DirectionVerdict, len(Models)*len(Directions)) // one allocation for every model's
	var mem memo
	for i, m := range Models {
		dirs := all[i*len(Directions) : (i+1)*len(Directions) : (i+1)*len(Directions)]
		for j, d := range Directions {
			vd := m.judge(v, d, &mem)
			vd.Reason = xmpp.CapText(vd.Reason) // a reason quoting many values stays short
			dirs[j] = DirectionVerdict{d, vd}
		}
		out[i] = ModelVerdicts{Model: m.Name, Directions: dirs}
	}
	return out
}

// memo keeps what every model computes alike on one certificate: the
// OpenSSL purpose checks and the XmppAddr crash.
type memo struct {
	purposes   [4]purposeResult // the purposes checked so far, in order
	nPurposes  int
	crashDone  bool
	crashValue string
	crashFound bool
}

func (mem *memo) purposeFailure(v *xmpp.Cert, p Purpose) string {
	for _, r := range mem.purposes[:mem.nPurposes] {
		if r.p == p {
			return r.why
		}
	}
	why := PurposeFailure(v, p)
	if mem.nPurposes < len(mem.purposes) {
		mem.purposes[mem.nPurposes] = purposeResult{p, why}
		mem.nPurposes++
	}
	return why
}

type purposeResult struct {
	p   Purpose
	why string
}

func (mem *memo) crash(v *xmpp.Cert, rules identity.Rules) (string, bool) {
	if rules.XmppAddr != identity.XmppAddrCrash {
		return "", false
	}
	if !mem.crashDone {
		mem.crashValue, mem.crashFound = identity.Crash(v, rules)
		mem.crashDone = true
	}
	return mem.crashValue, mem.crashFound
}

// notJudged is the reason of an accept without a domain to check.
func notJudged(p Purpose) string {
	switch p {
	case SSLServer:
		return "sslserver purpose passes; identity not judged (no domain given)"
	case SSLClient:
		return "sslclient purpose passes; identity not judged (no domain given)"
	}
	return fmt.Sprintf("%s purpose passes; identity not judged (no domain given)", p)
}

// Judge is the model's verdict on the leaf v for one direction.
func (m Model) Judge(v *xmpp.Cert, d Direction) Verdict {
	return m.judge(v, d, &memo{})
}

// selfSignedTrust ends the reason of every verdict on a self-signed leaf:
// the verdict holds for a verifier that trusts it (pinned, or in its CA
// file); one that does not rejects it before any of these checks.
const selfSignedTrust = "; assumes the verifier trusts this self-signed certificate"

func (m Model) judge(v *xmpp.Cert, d Direction, mem *memo) Verdict {
	vd := m.judgeTrusted(v, d, mem)
	if xmpp.SelfIssued(v.X) {
		vd.Reason += selfSignedTrust
	}
	return vd
}

// judgeTrusted is the verdict of a verifier that trusts the chain's root.
func (m Model) judgeTrusted(v *xmpp.Cert, d Direction, mem *memo) Verdict {
	if d == C2S && v.Role == xmpp.RoleClient {
		return m.judgeUser(v)
	}
	purpose, service := m.S2SIn, xmpp.ServiceServer
	switch d {
	case S2SOut:
		purpose = m.S2SOut
	case C2S:
		purpose, service = m.C2SServer, xmpp.ServiceClient
	}
	if why := mem.purposeFailure(v, purpose); why != "" {
		return Verdict{Reject, why}
	}
	if val, ok := mem.crash(v, m.Identity); ok {
		reason := fmt.Sprintf("XmppAddr %q crashes the certificate check of %s (xmpp_stream_pkix get_cert_domains)", val, m.Software)
		if d != C2S {
			reason += "; no dialback fallback"
		}
		return Verdict{Crash, reason}
	}
	if len(v.Opts.Domains) == 0 {
		return Verdict{Accept, notJudged(purpose)}
	}
	var matched []string
	for _, dom := range v.Opts.Domains {
		res, err := identity.Match(v, identity.Query{Domain: dom, Service: service}, m.Identity)
		if err != nil {
			return Verdict{Reject, fmt.Sprintf("domain %q is not a domain name: %v", dom, err)}
		}
		if !res.Matched() {
			return Verdict{Reject, explainMiss(res)}
		}
		matched = append(matched, fmt.Sprintf("%s matches %s", res.Matches[0], res.Domain))
	}
	return Verdict{Accept, fmt.Sprintf("%s purpose passes; %s", purpose, strings.Join(matched, ", "))}
}

// judgeUser is the model as a c2s server judging a user's certificate
// offered for SASL EXTERNAL.
func (m Model) judgeUser(v *xmpp.Cert) Verdict {
	if m.UserAuth == UserAuthNone {
		return Verdict{Reject, m.NoUserAuth}
	}
	if why := PurposeFailure(v, m.C2SUser); why != "" {
		return Verdict{Reject, why}
	}
	if m.UserAuth == UserAuthPurposeOnly {
		return Verdict{Accept, fmt.Sprintf("%s purpose passes; %s does not read XmppAddr: the server maps the certificate to an account", m.C2SUser, m.Software)}
	}
	if len(v.Opts.Domains) == 0 {
		return Verdict{Accept, notJudged(m.C2SUser)}
	}
	var found []string
	for _, dom := range v.Opts.Domains {
		d, err := identity.ParseDomain(dom)
		if err != nil {
			return Verdict{Reject, fmt.Sprintf("domain %q is not a domain name: %v", dom, err)}
		}
		why, ok := ejabberdUser(v, d)
		if !ok {
			return Verdict{Reject, why}
		}
		found = append(found, why)
	}
	return Verdict{Accept, fmt.Sprintf("%s purpose passes; %s", m.C2SUser, strings.Join(found, ", "))}
}

// ejabberdUser follows xmpp_stream_pkix.erl get_username for a client that
// asks for the account its certificate names in domain d.
func ejabberdUser(v *xmpp.Cert, d identity.Domain) (string, bool) {
	var jids []xmpp.XmppAddr
	for _, x := range v.XmppAddrs {
		if x.IsString(xmpp.TagUTF8String) && x.JID.Err == nil {
			jids = append(jids, x)
		}
	}
	if len(jids) == 0 {
		return "no XmppAddr: ejabberd accepts whatever username the client names", true
	}
	for _, x := range jids {
		if xmpp.ToUnicode(strings.TrimSuffix(x.JID.Domain, ".")) != d.ULabel {
			continue
		}
		if x.IsBareDomain() {
			return fmt.Sprintf("bare-domain XmppAddr %q is a global identity: ejabberd accepts any username in %s", x.Value, d), true
		}
		if x.JID.HasLocal {
			return fmt.Sprintf("XmppAddr %q names the account", x.Value), true
		}
	}
	return fmt.Sprintf("no XmppAddr in %s: certificate JID mismatch", d), false
}

// explainMiss turns an identity result without a match into a reason.
func explainMiss(res identity.Result) string {
	suffix := fmt.Sprintf(": host name mismatch for %s", res.Domain)
	switch {
	case len(res.Missed) > 0:
		return res.Missed[0].Why + suffix
	case len(res.WrongForm) > 0:
		return fmt.Sprintf("only the wrong IDN form, %s", res.WrongForm[0]) + suffix
	case len(res.WildcardParent) > 0:
		return fmt.Sprintf("%q covers subdomains only", res.WildcardParent[0]) + suffix
	case len(res.OtherService) > 0:
		return fmt.Sprintf("SRV-ID %q is for another service", res.OtherService[0]) + suffix
	case len(res.Targets) > 0:
		t := res.Targets[0]
		return fmt.Sprintf("%s names the SRV target %q, not the domain", t.Identifier, t.Target) + suffix
	}
	return "no identity for the domain" + suffix
}

// PurposeFailure checks OpenSSL's purpose p on the leaf and on every CA
// certificate of the presented chain (v3_purp.c; OpenSSL checks the purpose
// at every depth, the trust anchor included when it is presented). It
// returns "" when the purpose passes, or the reason it fails.
func PurposeFailure(v *xmpp.Cert, p Purpose) string {
	if !ekuAllows(v.EKU, p) {
		return fmt.Sprintf("EKU [%s] lacks %s%s: OpenSSL %s purpose", v.EKU, purposeOID(p), anyNote(v.EKU), p)
	}
	if !kuAllows(v.KU, p) {
		return fmt.Sprintf("keyUsage [%s] allows none of %s: OpenSSL %s purpose", v.KU, kuNeeded(p), p)
	}
	for i, c := range v.Chain {
		depth := i + 1
		ku := xmpp.AnalyzeKeyUsage(c)
		if why := caProblem(v, c, ku); why != "" {
			return fmt.Sprintf("chain certificate at depth %d (%s) %s: OpenSSL %s purpose", depth, certName(c), why, p)
		}
		eku := xmpp.AnalyzeEKU(c)
		if !ekuAllows(eku, p) {
			return fmt.Sprintf("CA at depth %d (%s) has EKU [%s] without %s%s: OpenSSL checks the %s purpose at every depth", depth, certName(c), eku, purposeOID(p), anyNote(eku), p)
		}
	}
	return ""
}

func ekuAllows(e xmpp.EKU, p Purpose) bool {
	if p == SSLClient {
		return e.AllowsSSLClient()
	}
	return e.AllowsSSLServer()
}

func kuAllows(k xmpp.KeyUsage, p Purpose) bool {
	if p == SSLClient {
		return k.AllowsSSLClient()
	}
	return k.AllowsSSLServer()
}

func purposeOID(p Purpose) string {
	if p == SSLClient {
		return "clientAuth"
	}
	return "serverAuth"
}

func kuNeeded(p Purpose) string {
	if p == SSLClient {
		return "digitalSignature, keyAgreement"
	}
	return "digitalSignature, keyEncipherment, keyAgreement"
}

func anyNote(e xmpp.EKU) string {
	if e.Any {
		return " (anyExtendedKeyUsage does not count)"
	}
	return ""
}

// caProblem follows v3_purp.c check_ca: keyUsage, when present, must allow
// keyCertSign; basicConstraints, when present, must say cA; without it, a
// version 1 self-signed certificate or one with keyUsage passes.
func caProblem(v *xmpp.Cert, c *x509.Certificate, ku xmpp.KeyUsage) string {
	if ku.Present && !ku.Has(x509.KeyUsageCertSign) {
		return fmt.Sprintf("has keyUsage [%s] without keyCertSign", ku)
	}
	if c.BasicConstraintsValid {
		if !c.IsCA {
			return "is not a CA (basicConstraints cA=FALSE)"
		}
		return ""
	}
	if c.Version == 1 && v.SelfSigned(c) || ku.Present {
		return ""
	}
	return "is not a CA (no basicConstraints)"
}

func certName(c *x509.Certificate) string {
	if len(c.Subject.CommonNames) > 0 {
		return fmt.Sprintf("CN=%s", c.Subject.CommonNames[0])
	}
	return xmpp.DNString(&c.Subject)
}
