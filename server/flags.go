package server

import (
	"flag"
	"time"
)

// RegisterFlags defines one flag per Options field on fs, with kebab-case
// names and Defaults() as defaults, writing into o. `xmpplint serve`
// binds its flags with it (a cobra command adds fs with
// Flags().AddGoFlagSet); docs/ca.md's command lines are parsed with it in
// tests.
func (o *Options) RegisterFlags(fs *flag.FlagSet) {
	d := Defaults()
	str := func(p *string, name, def, usage string) { fs.StringVar(p, name, def, usage) }
	dur := func(p *time.Duration, name string, def time.Duration, usage string) {
		fs.DurationVar(p, name, def, usage)
	}
	str(&o.Listen, "listen", d.Listen, "public listener: host:port or unix:PATH")
	str(&o.Monitor, "monitor", "", "monitoring listener for /livez, /readyz, /metrics: host:port or unix:PATH (none if empty)")
	str(&o.SocketMode, "socket-mode", "", "permission bits of unix: socket files, in octal (0660: the owner's group may connect)")
	str(&o.TLSCert, "tls-cert", "", "serve the public listener over TLS with this PEM certificate (step-ca calls webhooks over https only)")
	str(&o.TLSKey, "tls-key", "", "the PEM private key of --tls-cert")
	str(&o.Profile, "profile", d.Profile, "profile of the pkimetal endpoints and the step-ca webhook (ca, xmpp, webpki, strict)")
	str(&o.NativeProfile, "native-profile", d.NativeProfile, "default profile of the native /lint endpoint")
	str(&o.Role, "role", d.Role, "certificate role: auto, server or client")
	str(&o.Scope, "scope", d.Scope, "XMPP scope: both, c2s or s2s")
	str(&o.Service, "service", d.Service, "service of the identity lints: xmpp-server or xmpp-client")
	str(&o.Severity, "severity", d.Severity, "default minimum severity of pkimetal answers: meta, debug, info, notice, warning, error, bug, fatal")
	str(&o.Format, "format", d.Format, "default format of pkimetal answers: json, text or html")
	str(&o.WebhookSecretFile, "webhook-secret-file", "", "file with the step-ca webhook secret (base64, as step-ca prints it); enables /stepca")
	str(&o.WebhookDeny, "webhook-deny", d.WebhookDeny, "lowest lint status that refuses a certificate: notice, warn, error or fatal")
	fs.Int64Var(&o.MaxBody, "max-body", d.MaxBody, "request body cap in bytes")
	fs.IntVar(&o.MaxConcurrent, "max-concurrent", d.MaxConcurrent, "lints running at once")
	fs.IntVar(&o.MaxQueue, "max-queue", 0, "requests waiting for a lint slot before 429 (0: 4 x --max-concurrent)")
	dur(&o.QueueTimeout, "queue-timeout", d.QueueTimeout, "longest wait for a lint slot before 503")
	dur(&o.ReadTimeout, "read-timeout", d.ReadTimeout, "time to read a request, headers and body")
	dur(&o.WriteTimeout, "write-timeout", d.WriteTimeout, "time to answer a request once its headers are read")
	dur(&o.IdleTimeout, "idle-timeout", d.IdleTimeout, "time a keep-alive connection may stay idle")
	dur(&o.DrainDelay, "drain-delay", 0, "on SIGTERM, time /readyz answers 503 before the listeners close")
	dur(&o.ShutdownTimeout, "shutdown-timeout", d.ShutdownTimeout, "time in-flight requests get to finish on shutdown")
}
