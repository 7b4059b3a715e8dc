package main

import (
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/xmpplint/xmpplint/interop"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// buildVersion is the module version, or "devel" in a work tree.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	v := info.Main.Version
	if v == "" || v == "(devel)" {
		v = "devel"
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += "+" + s.Value[:12]
			}
		}
	}
	return v
}

func depVersion(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range info.Deps {
		if d.Path == path {
			return d.Version
		}
	}
	return "unknown"
}

func (e *environment) version() int {
	fmt.Fprintf(e.stdout, "xmpplint %s (%d lints; zlint %s, zcrypto %s)\n", buildVersion(), len(xmpp.All()),
		depVersion("github.com/zmap/zlint/v3"), depVersion("github.com/zmap/zcrypto"))
	fmt.Fprintln(e.stdout, "federation models, last verified against (integration/ TestFederation):")
	for _, line := range interop.VerifiedLines() {
		fmt.Fprintln(e.stdout, "  "+line)
	}
	return exitOK
}

// versionJSON is `xmpplint version --output json`.
func (e *environment) versionJSON() int {
	v := struct {
		Version        string                `json:"version"`
		Lints          int                   `json:"lints"`
		Zlint          string                `json:"zlint"`
		Zcrypto        string                `json:"zcrypto"`
		ModelsVerified interop.VerifiedTable `json:"models_verified"`
	}{buildVersion(), len(xmpp.All()), depVersion("github.com/zmap/zlint/v3"), depVersion("github.com/zmap/zcrypto"), interop.VerifiedModels()}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		e.errorf("%v", err)
		return exitUsage
	}
	return exitOK
}
