package server

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"time"

	"go.step.sm/crypto/x509util"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// StepCATemplate is a step-ca X.509 certificate template (a provisioner's
// options.x509.template) that issues what a request asks for: its
// subject, the token's SANs, and the request's extensions as they are.
// step-ca's default templates build the SAN from the token alone and so
// drop the SRV-IDs and XmppAddrs of a CSR (x509util keeps no otherName);
// with this one the SAN, EKU and key usage of the CSR reach the
// certificate, and the webhook lints them before step-ca signs.
const StepCATemplate = `{
	"subject": {{ toJson .Insecure.CR.Subject }},
	"sans": {{ toJson .SANs }},
	"extensions": {{ toJson .Insecure.CR.Extensions }}
}`

// stepRequest is the part of step-ca's webhook request body
// (github.com/smallstep/certificates/webhook.RequestBody) the webhook
// reads. For an X.509 authorizing webhook step-ca sends the template it
// is about to sign as x509util JSON; raw is not filled in, so the
// certificate is rebuilt from the template.
type stepRequest struct {
	Timestamp       time.Time `json:"timestamp"`
	ProvisionerName string    `json:"provisionerName"`
	X509Certificate *struct {
		*x509util.Certificate
		PublicKey          []byte    `json:"publicKey"`
		PublicKeyAlgorithm string    `json:"publicKeyAlgorithm"`
		NotBefore          time.Time `json:"notBefore"`
		NotAfter           time.Time `json:"notAfter"`
		Raw                []byte    `json:"raw"`
	} `json:"x509Certificate"`
	X509CertificateRequest *struct {
		Raw []byte `json:"raw"`
	} `json:"x509CertificateRequest"`
}

// stepResponse is step-ca's webhook.ResponseBody. step-ca passes Error
// on as the reason of its refusal (its log and the error chain).
type stepResponse struct {
	Allow bool       `json:"allow"`
	Data  any        `json:"data"`
	Error *stepError `json:"error,omitempty"`
}

type stepError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// handleStepCA is step-ca's authorizing webhook: POST /stepca. It
// checks X-Smallstep-Signature (hex HMAC-SHA256 of the body under the
// webhook secret), rebuilds the certificate from the template step-ca
// sends (signed with a throwaway key), lints it and answers allow=false
// when a result reaches the refusal level. Query parameters of the
// webhook URL: profile, role, scope, service, domain, deny (notice,
// warn, error, fatal). Given an enriching request (a CSR), it lints the
// CSR the same way.
func (s *Server) handleStepCA(w http.ResponseWriter, r *http.Request) {
	if s.secret == nil {
		writeError(w, http.StatusNotFound, "the step-ca webhook is not configured (no webhook secret file)")
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		writeError(w, http.StatusMethodNotAllowed, "step-ca POSTs its webhook requests")
		return
	}
	q := r.URL.Query()
	profile := q.Get("profile")
	if profile == "" {
		profile = s.opts.Profile
	}
	if !knownProfile(profile) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("profile %s: want one of %s", quote(profile), profileNames()))
		return
	}
	denyName := q.Get("deny")
	if denyName == "" {
		denyName = s.opts.WebhookDeny
	}
	deny, err := parseDeny(denyName)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	o := s.defaultOptions()
	if o.Domains = splitList(q["domain"]); len(o.Domains) > 16 {
		writeError(w, http.StatusBadRequest, "at most 16 domains")
		return
	}
	if v := q.Get("role"); v != "" {
		o.Role = xmpp.Role(v)
	}
	if v := q.Get("scope"); v != "" {
		o.Scope = xmpp.Scope(v)
	}
	if v := q.Get("service"); v != "" {
		o.Service = v
	}
	ch, err := s.checker(profile, o, false)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.withSlot(w, r, true, func() {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBody))
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body over %d bytes", mbe.Limit))
				return
			}
			writeError(w, http.StatusBadRequest, "reading the request: "+err.Error())
			return
		}
		if !s.validSignature(body, r.Header.Get("X-Smallstep-Signature")) {
			s.log.Warn("step-ca webhook: bad signature", "webhook_id", r.Header.Get("X-Smallstep-Webhook-ID"))
			writeError(w, http.StatusUnauthorized, "X-Smallstep-Signature missing or wrong for this webhook secret")
			return
		}
		var req stepRequest
		if err := json.Unmarshal(body, &req); err != nil {
			writeError(w, http.StatusBadRequest, "not a step-ca webhook request: "+err.Error())
			return
		}
		start := time.Now()
		rec, err := s.lintStepRequest(ch, &req)
		s.m.lintTime.WithLabelValues(epStepCA).Observe(time.Since(start).Seconds())
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		defer rec.Release()
		s.countFindings(&rec)
		resp := stepResponse{Allow: true}
		var refused []string
		if rec.Error != "" {
			refused = append(refused, "error: "+rec.Error)
		}
		for _, name := range rec.Findings(deny) {
			res, _ := rec.Results.Get(name)
			text := name
			if res.Details != "" {
				text += ": " + res.Details
			}
			refused = append(refused, text)
		}
		if len(refused) > 0 {
			resp.Allow = false
			resp.Error = &stepError{Code: "xmpplint", Message: "refused by xmpplint: " + strings.Join(refused, "; ")}
		}
		s.m.decisions.WithLabelValues(fmt.Sprint(resp.Allow)).Inc()
		s.log.Info("step-ca webhook",
			"allow", resp.Allow,
			"provisioner", req.ProvisionerName,
			"webhook_id", r.Header.Get("X-Smallstep-Webhook-ID"),
			"request_id", r.Header.Get("X-Request-Id"),
			"subject", rec.Subject,
			"kind", rec.Kind,
			"profile", profile,
			"deny", deny.String(),
			"findings", refused)
		writeJSON(w, resp)
	})
}

// issuerKeyType is a P-256 public key that tells CheckTemplate which
// throwaway key type to make.
var issuerKeyType = sync.OnceValue(func() any {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		panic(err) // crypto/rand does not fail
	}
	return k.Public()
})

// validSignature checks step-ca's hex HMAC-SHA256 of the body.
func (s *Server) validSignature(body []byte, sig string) bool {
	got, err := hex.DecodeString(strings.TrimSpace(sig))
	if err != nil || len(got) != sha256.Size {
		return false
	}
	mac := hmac.New(sha256.New, s.secret)
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// lintStepRequest lints what a webhook request is about: the template of
// an authorizing request, or the CSR of an enriching one.
func (s *Server) lintStepRequest(ch *check.Checker, req *stepRequest) (rec check.Record, err error) {
	defer func() {
		// x509util builds the template from whatever JSON came: a panic
		// there is this request's error, not the connection's end.
		if r := recover(); r != nil {
			rec, err = check.Record{}, fmt.Errorf("x509Certificate: unusable template: %v", r)
		}
	}()
	name := "step-ca"
	if req.ProvisionerName != "" {
		name = "step-ca/" + req.ProvisionerName
	}
	switch {
	case req.X509Certificate != nil && req.X509Certificate.Certificate != nil:
		xc := req.X509Certificate
		tmpl := xc.GetCertificate()
		// The outer validity is the one step-ca computed; the template's
		// may be empty.
		tmpl.NotBefore, tmpl.NotAfter = xc.NotBefore, xc.NotAfter
		if tmpl.NotBefore.IsZero() {
			tmpl.NotBefore = req.Timestamp
		}
		if tmpl.NotBefore.IsZero() {
			// Neither dates nor a timestamp: lint as of now. In year 1
			// every lint is before its effective date (NE), and the
			// template was allowed unlinted.
			tmpl.NotBefore = time.Now().Truncate(time.Second)
		}
		if tmpl.NotAfter.IsZero() || !tmpl.NotAfter.After(tmpl.NotBefore) {
			tmpl.NotAfter = tmpl.NotBefore.Add(24 * time.Hour)
		}
		if tmpl.SerialNumber == nil || tmpl.SerialNumber.Sign() <= 0 {
			tmpl.SerialNumber = big.NewInt(1) // step-ca sets it when signing
		}
		// The throwaway key signs with its own algorithm.
		tmpl.SignatureAlgorithm = x509.UnknownSignatureAlgorithm
		if len(xc.PublicKey) == 0 {
			return check.Record{}, errors.New("x509Certificate has no publicKey")
		}
		pub, err := x509.ParsePKIXPublicKey(xc.PublicKey)
		if err != nil {
			return check.Record{}, fmt.Errorf("x509Certificate publicKey: %v", err)
		}
		// The issuer's name when the template gives it (GetCertificate
		// set tmpl.Issuer from the JSON); its key type is P-256, the
		// throwaway key CheckTemplate makes quickest.
		var issuer *x509.Certificate
		if len(tmpl.Issuer.ToRDNSequence()) > 0 {
			issuer = &x509.Certificate{Subject: tmpl.Issuer, PublicKey: issuerKeyType()}
		}
		return ch.CheckTemplate(name, tmpl, issuer, pub)
	case req.X509CertificateRequest != nil && len(req.X509CertificateRequest.Raw) > 0:
		return ch.CheckCSR(name, req.X509CertificateRequest.Raw), nil
	}
	return check.Record{}, errors.New("no x509Certificate or x509CertificateRequest in the webhook request (configure the webhook for X509 certificates)")
}
