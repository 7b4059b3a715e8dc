// Package xmpp holds what every xmpplint lint shares and what is reviewed
// once: the table of lint sources, the OIDs, the decoders of the XMPP
// otherName identities (SRVName and XmppAddr), DNS and service-name syntax,
// JID validation, EKU helpers, role detection and the registration glue that
// puts each lint into zlint's global registry.
//
// A lint is written against [Cert], a read-only view of one certificate with
// its identities decoded once. The same lint runs through zlint's own
// machinery (lint.CertificateLintInterface, configured by zlint's TOML
// configuration) and through xmpplint's engine, which decodes a certificate
// once for all lints and can add the presented chain and a target domain.
package xmpp
