package probe

import (
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/live"
)

// c2sProber probes a domain's client-to-server service (xmpp-client):
// what a client is shown, judged by clients built on each verifier's stack
// (the c2s direction). A target may name a user (xmpp:user@domain, as the
// XMPP blackbox exporter's c2s targets do); only the domain counts.
var c2sProber = Prober{
	Name:       "c2s",
	Service:    live.ServiceClient,
	Directions: []interop.Direction{interop.C2S},
	Localpart:  true,
	Probe:      probeXMPP,
}
