package probe

import (
	"github.com/xmpplint/xmpplint/interop"
	"github.com/xmpplint/xmpplint/live"
)

// s2sProber probes a domain's server-to-server service (xmpp-server):
// what a peer server connecting to it is shown. A server usually presents
// the same certificate when it connects out, so both s2s directions judge
// it: the receiving peer's (s2s-in) and the initiating peer's (s2s-out).
var s2sProber = Prober{
	Name:       "s2s",
	Service:    live.ServiceServer,
	Directions: []interop.Direction{interop.S2SIn, interop.S2SOut},
	From:       true,
	Probe:      probeXMPP,
}
