// Package integration holds the ground truth for the federation models of
// package interop (rules.md section K). Its test, TestFederation, starts
// real servers on loopback (two Prosody instances and one ejabberd, as the
// test's own children, with temporary configurations, data and logs) for
// each installation, in parallel subtests: the machine's packages (Debian
// 12: Prosody 0.12.3, ejabberd 23.01) and those of the Debian chroots
// scripts/xmpp-servers builds under /var/cache/xmpplint/chroots
// ($XMPPLINT_CHROOTS; suites $XMPPLINT_CHROOT_SUITES, default trixie and
// sid), whose servers run with unshare --mount and chroot. It
// federates them with certificate-only s2s authentication (STARTTLS
// required, SASL EXTERNAL, dialback not loaded), and for each row
// certificate reads from the servers' logs
// what each server did with it:
//
//   - as receiver (s2s-in): the initiator presents the row certificate;
//   - as initiator (s2s-out): the receiver presents it.
//
// The rows are those of the measured table, then the certificates that
// tell the models apart: anyEKU, chains with serverAuth-only, clientAuth-only
// and no-EKU intermediates, a bare-domain XmppAddr as IA5String.
//
// Each verdict (accept, reject, crash) is compared with the measured table
// (s2s-in, when the versions are those it was measured on: Prosody 0.12.3,
// ejabberd 23.01) and with interop.Evaluate's prediction for the model
// interop.Verified names for the server's Debian package and distribution.
// A differing cell fails the test with the server's log line; a package
// the table does not list fails it too, with the models its verdicts fit. A capture server (playing probe.example) and a STARTTLS probe check
// that the peer really presented the row certificate; where it did not
// (ejabberd 23.01 picks certificates by DNS-ID or CN, so it cannot present
// an SRV-ID-only or XmppAddr-only certificate and sends another host's),
// the cell is reported as n/a and not compared.
//
// Nothing on the system is changed: domains are under .example and are
// resolved by a DNS server run by the test on 127.0.0.1, to which Prosody
// forwards through lua-unbound (the unbound option) and ejabberd through
// ERL_INETRC; SRV targets are the literal 127.0.0.1, so that no address
// look-up goes to the system resolver. ejabberd runs as a non-distributed
// Erlang node (no epmd), started with erl directly.
//
// The test skips under -short, and when an installation is missing, unless
// CI=true, where a missing installation fails it (scripts/xmpp-servers
// installs them all). Set XMPPLINT_INTEGRATION_DIR to a directory to keep the
// configurations, logs and verdict tables (under NAME/ for the machine, in
// the chroot's /tmp/xmpplint-integration-NAME for a chroot); go test -v
// prints the tables.
package integration
