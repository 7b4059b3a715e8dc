package probe

import (
	"context"
	"sort"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/xmpplint/xmpplint/interop"
)

// Prober is one kind of probe: a row of the prober table. Module
// validation reads the same row (which directions a required verdict may
// name, whether a from domain or a localpart means anything), so the two
// cannot drift apart.
type Prober struct {
	// Name is what a module's prober field says.
	Name string
	// Service is the XMPP service probed, as named in SRV records.
	Service string
	// Directions are the verdict directions that judge a certificate
	// presented on this service's port.
	Directions []interop.Direction
	// From: the stream may name the monitoring domain (s2s).
	From bool
	// Localpart: a target may be a JID with a localpart (c2s), which is
	// ignored: the certificate is the domain's.
	Localpart bool
	// Probe runs one probe of target under m, registering its metrics in
	// reg (a registry of its own), and reports success.
	Probe func(ctx context.Context, t Target, m *Module, reg *prometheus.Registry, e *env) bool
}

// probers is the table of probers, by name.
var probers = map[string]*Prober{
	s2sProber.Name: &s2sProber,
	c2sProber.Name: &c2sProber,
}

func proberNames() []string {
	var names []string
	for n := range probers {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
