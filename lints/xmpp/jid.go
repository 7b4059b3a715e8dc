package xmpp

import (
	"strings"

	"golang.org/x/text/secure/precis"
	"mellium.im/xmpp/jid"
)

// JIDInfo is a JID split into its parts and validated under RFC 7622 by
// mellium.im/xmpp/jid, a maintained PRECIS-based implementation.
type JIDInfo struct {
	Local, Domain, Resource string
	HasLocal, HasResource   bool
	// Err is set when the value is not a valid JID (RFC 7622 3).
	Err error
	// NonCanonical lists the parts whose PRECIS-enforced form differs from
	// the value as written ("localpart", "domainpart", "resourcepart"), each
	// with its enforced form.
	NonCanonical []NonCanonicalPart
}

// NonCanonicalPart names a JID part and the form enforcement gives it.
type NonCanonicalPart struct {
	Part, Written, Enforced string
}

// AnalyzeJID splits and validates s as a JID.
func AnalyzeJID(s string) JIDInfo {
	if d := strings.TrimSuffix(s, "."); PlainLDH(d) && !HasUpperASCII(d) {
		// A bare domain JID of lower-case LDH labels: valid and canonical
		// as written (what the PRECIS and IDNA steps below find for it,
		// at a fraction of their cost; FuzzAnalyzeJIDFastPath).
		return JIDInfo{Domain: s}
	}
	return analyzeJID(s)
}

func analyzeJID(s string) JIDInfo {
	var info JIDInfo
	local, domain, resource, err := jid.SplitString(s)
	if err != nil {
		// Keep what a plain split gives, so that later checks (bare domain,
		// localpart present) still see the structure of a malformed JID.
		info.Err = err
		info.Local, info.Domain, info.Resource, info.HasLocal, info.HasResource = looseSplit(s)
		return info
	}
	info.Local, info.Domain, info.Resource = local, domain, resource
	info.HasLocal = strings.Contains(s, "@") || local != ""
	info.HasResource = strings.Contains(s, "/")
	j, err := jid.New(local, domain, resource)
	if err != nil {
		info.Err = err
		return info
	}
	if local != "" && j.Localpart() != local {
		info.NonCanonical = append(info.NonCanonical, NonCanonicalPart{"localpart", local, j.Localpart()})
	}
	// A trailing dot and A-labels have lints of their own; the canonical
	// check looks at case, width and normalisation of the U-label form.
	written := strings.TrimSuffix(domain, ".")
	if !HasALabel(written) && j.Domainpart() != written {
		info.NonCanonical = append(info.NonCanonical, NonCanonicalPart{"domainpart", written, j.Domainpart()})
	}
	if resource != "" {
		if enforced, err := precis.OpaqueString.String(resource); err == nil && enforced != resource {
			info.NonCanonical = append(info.NonCanonical, NonCanonicalPart{"resourcepart", resource, enforced})
		}
	}
	return info
}

// looseSplit splits a JID at the first '/' and the '@' before it, without
// validating anything.
func looseSplit(s string) (local, domain, resource string, hasLocal, hasResource bool) {
	if i := strings.IndexByte(s, '/'); i >= 0 {
		resource, s, hasResource = s[i+1:], s[:i], true
	}
	if i := strings.IndexByte(s, '@'); i >= 0 {
		return s[:i], s[i+1:], resource, true, hasResource
	}
	return "", s, resource, false, hasResource
}
