package main

import (
	"context"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/spf13/cobra"

	"github.com/xmpplint/xmpplint/probe"
	"github.com/xmpplint/xmpplint/server"
)

// serveOptions are the flags of xmpplint serve: the server's own
// (server.Options.RegisterFlags) and the /probe's.
type serveOptions struct {
	server      server.Options
	probe       probe.Options
	checkConfig bool
}

func newServeCmd(e *environment) *cobra.Command {
	o := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "lint over HTTP (pkimetal's API, step-ca's webhook) and probe XMPP servers for Prometheus",
		Long: `Serve xmpplint over HTTP for CA pipelines and monitoring: pkimetal's REST API
(/lintcert, /linttbscert, /lintcsr, /linters, /profiles), a native endpoint with
xmpplint's records (/lint), step-ca's authorizing webhook (/stepca), and a
Prometheus /probe for XMPP servers (the XMPP blackbox exporter's targets and
Prosody's module names). /livez, /readyz and /metrics are on --monitor.
SIGTERM drains; SIGHUP reloads the probe modules (--config).
See docs/ca.md and docs/monitoring.md.`,
		Example: `  xmpplint serve --listen 127.0.0.1:8080 --monitor 127.0.0.1:9090
  xmpplint serve --listen unix:/run/xmpplint.sock --webhook-secret-file /etc/xmpplint/stepca.secret
  xmpplint serve --config modules.yaml --ca-file private-ca.pem --check-config`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return exitErr(e.serve(cmd.Context(), o))
		},
	}
	gfs := flag.NewFlagSet("serve", flag.ContinueOnError)
	o.server.RegisterFlags(gfs)
	fs := cmd.Flags()
	fs.AddGoFlagSet(gfs)
	fs.StringSliceVar(&o.probe.CAFiles, "ca-file", nil, "/probe: PEM file of CA certificates the built-in modules trust besides the system roots (repeatable)")
	fs.BoolVar(&o.probe.NoSystemRoots, "no-system-roots", false, "/probe: the built-in modules trust only the --ca-file certificates")
	fs.StringVar(&o.probe.ConfigFile, "config", "", "/probe: YAML (.yaml, .yml) or TOML (.toml) file of probe modules")
	fs.IntVar(&o.probe.MaxConcurrent, "probe-concurrency", probe.DefaultMaxConcurrent, "/probe: probes running at once (beyond: 503)")
	fs.BoolVar(&o.checkConfig, "check-config", false, "validate the options and the probe modules, print the module names, and exit")
	return cmd
}

// serve runs the server until SIGTERM or SIGINT, with the probe mounted.
func (e *environment) serve(ctx context.Context, o *serveOptions) int {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.checkConfig {
		names, err := probe.CheckConfig(o.probe)
		if err != nil {
			e.errorf("serve: %v", err)
			return exitUsage
		}
		if _, err := server.New(o.server, nil, nil, nil); err != nil {
			e.errorf("serve: %v", err)
			return exitUsage
		}
		for _, n := range names {
			e.stdout.Write([]byte(n + "\n"))
		}
		return exitOK
	}
	logger := slog.New(slog.NewJSONHandler(e.stderr, nil))
	var prober atomic.Pointer[probe.Handler] // set once the server mounts it
	mount := server.Mount{Pattern: "GET /probe", New: func(reg prometheus.Registerer, log *slog.Logger) (http.Handler, error) {
		h, err := probe.New(o.probe, reg, log)
		if err != nil {
			return nil, err
		}
		prober.Store(h)
		return h, nil
	}}
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		for range hup {
			h := prober.Load()
			if h == nil {
				continue
			}
			if err := h.Reload(); err != nil {
				logger.Error("probe modules not reloaded; the old ones stay", "error", err)
			} else {
				logger.Info("probe modules reloaded", "config", o.probe.ConfigFile)
			}
		}
	}()
	if err := server.Run(ctx, o.server, logger, mount); err != nil {
		e.errorf("serve: %v", err)
		return exitUsage
	}
	return exitOK
}
