//go:build linux

package integration

import (
	"os"
	"path/filepath"
	"testing"
)

// TestInstallFacts checks how an installation's distribution and package
// versions are read, on the files of Debian 12, 13 and sid (as their
// os-release and dpkg status say them), so that interop.Verified's keys
// match what the test sees.
func TestInstallFacts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, c := range []struct{ osRelease, want string }{
		{"PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n", "Debian 12 bookworm"},
		{"PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"13\"\nVERSION=\"13 (trixie)\"\nVERSION_CODENAME=trixie\nDEBIAN_VERSION_FULL=13.2\nID=debian\n", "Debian 13 trixie"},
		{"PRETTY_NAME=\"Debian GNU/Linux forky/sid\"\nNAME=\"Debian GNU/Linux\"\nVERSION_CODENAME=forky\nID=debian\n", "Debian sid"},
		{"", "unknown"},
	} {
		if got := distribution(write("os-release", c.osRelease)); got != c.want {
			t.Errorf("os-release %q: %q, want %q", c.osRelease, got, c.want)
		}
	}
	if got := distribution(filepath.Join(dir, "none")); got != "unknown" {
		t.Errorf("missing os-release: %q", got)
	}
	status := write("status", "Package: prosody\nStatus: install ok installed\nVersion: 13.0.1-1+deb131u\n\n"+
		"Package: ejabberd\nStatus: deinstall ok config-files\nVersion: 23.01-1\n\n"+
		"Package: ejabberd-contrib\nStatus: install ok installed\nArchitecture: amd64\nVersion: 0.2024\nDescription: x\n y\n")
	got := dpkgVersions(status)
	if got["prosody"] != "13.0.1-1+deb131u" || got["ejabberd-contrib"] != "0.2024" {
		t.Errorf("installed packages: %v", got)
	}
	if v, ok := got["ejabberd"]; ok {
		t.Errorf("a removed package (config files only) read as installed, version %q", v)
	}
}
