package xmpp

import (
	"time"

	"github.com/zmap/zcrypto/encoding/asn1"
)

// Object identifiers used by the XMPP lints.
var (
	// OIDSRVName is id-on-dnsSRV (RFC 4985 2).
	OIDSRVName = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 7}
	// OIDXmppAddr is id-on-xmppAddr (RFC 6120 13.7.1.4).
	OIDXmppAddr = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 8, 5}
	// OIDExtKeyUsage is the extendedKeyUsage extension (RFC 5280 4.2.1.12).
	OIDExtKeyUsage = asn1.ObjectIdentifier{2, 5, 29, 37}
	// OIDEKUServerAuth is id-kp-serverAuth.
	OIDEKUServerAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 1}
	// OIDEKUClientAuth is id-kp-clientAuth.
	OIDEKUClientAuth = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 2}
	// OIDEKUAny is anyExtendedKeyUsage.
	OIDEKUAny = asn1.ObjectIdentifier{2, 5, 29, 37, 0}
	// OIDADOCSP is id-ad-ocsp (RFC 5280 4.2.2.1).
	OIDADOCSP = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 48, 1}
)

// Effective dates. A lint returns NE for certificates issued before the
// document that makes its rule. Dates are those of publication.
var (
	// RFC3920Date: RFC 3920 (XMPP Core, October 2004) defined XmppAddr and
	// certificate use for XMPP; RFC 6120 carried the rules over.
	RFC3920Date = time.Date(2004, time.October, 1, 0, 0, 0, 0, time.UTC)
	// RFC4985Date: RFC 4985 (SRVName, August 2007).
	RFC4985Date = time.Date(2007, time.August, 1, 0, 0, 0, 0, time.UTC)
	// RFC5280Date: RFC 5280 (May 2008).
	RFC5280Date = time.Date(2008, time.May, 1, 0, 0, 0, 0, time.UTC)
	// RFC6120Date: RFC 6120 (March 2011).
	RFC6120Date = time.Date(2011, time.March, 1, 0, 0, 0, 0, time.UTC)
	// RFC7622Date: RFC 7622 (September 2015), PRECIS-based JIDs.
	RFC7622Date = time.Date(2015, time.September, 1, 0, 0, 0, 0, time.UTC)
	// CABFBR1Date: Baseline Requirements 1.0 took effect on 2012-07-01.
	CABFBR1Date = time.Date(2012, time.July, 1, 0, 0, 0, 0, time.UTC)
	// CABFProfilesDate: Ballot SC-62 (certificate profiles, BR 7.1.2.7) took
	// effect on 2023-09-15.
	CABFProfilesDate = time.Date(2023, time.September, 15, 0, 0, 0, 0, time.UTC)
	// RFC9525Date: RFC 9525 (service identity, November 2023) obsoleted RFC
	// 6125 and dropped CN-ID as a presented identifier (RFC 9525 2).
	RFC9525Date = time.Date(2023, time.November, 1, 0, 0, 0, 0, time.UTC)
)
