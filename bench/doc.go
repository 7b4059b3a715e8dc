// Package bench is xmpplint's benchmark harness: a deterministic synthetic
// corpus, the Go benchmarks of the audit's per-certificate work, and the
// pieces scripts/bench runs (bench/gen writes the corpus, bench/baseline
// measures parse-only and zlint's full set through the audit's pipeline
// shape).
//
//	scripts/bench                          # the side-by-side table and the goals
//	go test -run '^$' -bench . ./bench     # Parse, Check, CheckRecordJSON, Zlint
//	go run ./bench/gen --n 100000 --out corpus.b64
//
// # The corpus
//
// Line i of the corpus (base64 DER, one certificate per line) depends on i
// only: the same N gives the same bytes on every machine and with any
// number of generation goroutines, and a smaller corpus is a prefix of a
// larger one. Every certificate is built field by field in DER and signed
// with Ed25519 keys derived from fixed seeds (about 60 µs of CPU per
// certificate, so a million take a minute or so on two cores): none is a
// copy of another. Serial numbers, names, validity, key choice, the number
// and kind of SANs and extensions all vary with the index; leaf keys come
// from pools (four RSA-2048 and one RSA-3072 public keys made once with
// openssl, 256 P-256 keys, 64 Ed25519 keys for self-signed certificates)
// because only the bytes matter to a linter, never key generation.
//
// The mix, per 1,000 draws (a line's share in a generated corpus is about
// 4% lower because chain certificates take lines; gen prints the counts):
//
//   - 580 Web PKI style leaves under one of four intermediates: DNS-IDs
//     only (1 to 20 names, some wildcards, some multi-domain), serverAuth
//     (70%) or serverAuth+clientAuth (30%), RSA (60%) or P-256 keys, key
//     usage, basic constraints, SKI/AKI, AIA (OCSP and caIssuers), CRL DP
//     (45%), DV or OV policy with a CPS qualifier (40%), 2 or 3 SCTs (95%),
//     47- to 397-day validity; DV subjects (CN) or OV subjects (C, ST, L,
//     O, CN).
//   - 240 private XMPP server certificates: Prosody-style self-signed with
//     cA=TRUE and DNS-ID, XmppAddr and two SRV-IDs per host (30%),
//     ejabberd-style self-signed with one DNS-ID and no EKU (15%), issued
//     by one of two private CAs with DNS-IDs, SRV-IDs and XmppAddr (45%),
//     and private-CA certificates with one of ten defects the XMPP lints
//     report (10%: CN only, SRV-ID as UTF8String, XmppAddr as IA5String,
//     upper-case or trailing-dot DNS-ID, _xmpps-server, wildcard SRV-ID,
//     clientAuth-only, anyEKU, a JID in a dNSName, _tcp in an SRV-ID, a
//     user JID with cA=TRUE).
//   - 150 client certificates: XmppAddr localpart@domain (UTF8String; 10%
//     IA5String), an rfc822Name in 30%, clientAuth (80%), with
//     emailProtection (10%) or no EKU (10%); private-CA issued (80%) or
//     self-signed.
//   - 20 truncated DER lines (valid base64 of a certificate cut short: a
//     parse error in the record) and 10 lines that are not base64 (a read
//     error), so that error records are part of the load.
//   - Chains: 10% of the CA-issued leaves on even lines are followed by
//     their issuer (the Web PKI intermediate or the private CA), so the
//     audit's grouper builds presented chains (about 4% of the lines).
//
// A 100,000-line corpus is about 126 MB (950 bytes of DER per line on
// average).
package bench
