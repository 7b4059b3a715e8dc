//go:build linux

package integration

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// installHint is the command that installs what the test needs.
const installHint = "run scripts/xmpp-servers (as root: apt-get install prosody lua-unbound ejabberd on the machine, " +
	"and debootstrap of the trixie and sid chroots under /var/cache/xmpplint/chroots)"

// installed is one set of servers the test federates: the machine's own
// packages (Root empty) or those of a Debian chroot built by
// scripts/xmpp-servers, whose servers run with chroot(8).
type installed struct {
	// Name names the installation in subtests and messages: "machine",
	// "trixie", "sid".
	Name string
	// Root is the chroot directory; empty for the machine.
	Root string
	// Distribution is what the root's os-release says, as interop.Verified
	// spells it: "Debian 13 trixie", "Debian sid".
	Distribution string
	// ProsodyVersion and EjabberdVersion are the upstream versions the
	// servers report; ProsodyPackage and EjabberdPackage the Debian package
	// versions (dpkg's status file).
	ProsodyVersion, EjabberdVersion string
	ProsodyPackage, EjabberdPackage string
	// Missing lists what is absent, in words.
	Missing []string
}

// chrootDir is where scripts/xmpp-servers caches its chroots.
func chrootDir() string {
	if d := os.Getenv("XMPPLINT_CHROOTS"); d != "" {
		return d
	}
	return "/var/cache/xmpplint/chroots"
}

// chrootSuites are the chroots scripts/xmpp-servers builds.
func chrootSuites() []string {
	if s, ok := os.LookupEnv("XMPPLINT_CHROOT_SUITES"); ok {
		return strings.Fields(s)
	}
	return []string{"trixie", "sid"}
}

// installations lists the machine's servers, then one installation per
// chroot suite. A chroot that is absent or incomplete is returned with
// Missing set.
func installations() []installed {
	ins := []installed{detectInstall("machine", "")}
	for _, s := range chrootSuites() {
		root := filepath.Join(chrootDir(), s)
		if _, err := os.Stat(filepath.Join(root, ".xmpplint-chroot")); err != nil {
			ins = append(ins, installed{Name: s, Root: root, Missing: []string{"the " + s + " chroot " + root + " (not built, or its build did not finish)"}})
			continue
		}
		ins = append(ins, detectInstall(s, root))
	}
	return ins
}

// host is the machine's path of path inside the installation.
func (in installed) host(path string) string {
	if in.Root == "" {
		return path
	}
	return filepath.Join(in.Root, path)
}

// inside is the installation's path of the machine's path p, which must be
// under Root.
func (in installed) inside(p string) string {
	if in.Root == "" {
		return p
	}
	rel, err := filepath.Rel(in.Root, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		panic(fmt.Sprintf("%s is not inside the chroot %s", p, in.Root))
	}
	return "/" + rel
}

// command runs bin (a path inside the installation) with args. In a
// chroot, it runs in a private mount namespace where the chroot gets /proc
// and the machine's /dev (Erlang and OpenSSL read /dev/urandom; debootstrap
// leaves /dev nearly empty); these mounts end with the namespace, when the
// server and its children exit. unshare and sh exec into chroot and chroot
// into bin, so the process started is the server itself.
func (in installed) command(ctx context.Context, bin string, args ...string) *exec.Cmd {
	if in.Root == "" {
		if ctx == nil {
			return exec.Command(bin, args...)
		}
		return exec.CommandContext(ctx, bin, args...)
	}
	const script = `root=$1; shift; mount -t proc proc "$root/proc" && mount --bind /dev "$root/dev" && exec chroot "$root" "$@"`
	full := append([]string{"--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", in.Root, bin}, args...)
	if ctx == nil {
		return exec.Command("unshare", full...)
	}
	return exec.CommandContext(ctx, "unshare", full...)
}

// tempDir makes a directory the installation's servers can read: under
// the chroot's /tmp for a chroot.
func (in installed) tempDir() (string, error) {
	base := ""
	if in.Root != "" {
		base = filepath.Join(in.Root, "tmp")
	}
	return os.MkdirTemp(base, "xmpplint-integration-")
}

var (
	prosodySourceDir = regexp.MustCompile(`(?m)^CFG_SOURCEDIR='([^']+)'`)
	appVsn           = regexp.MustCompile(`\{vsn,\s*"([^"]+)"\}`)
)

// detectInstall finds Prosody (with lua-unbound, through which the test
// steers its DNS look-ups) and ejabberd in the installation, and their
// versions.
func detectInstall(name, root string) installed {
	in := installed{Name: name, Root: root}
	in.Distribution = distribution(in.host("/etc/os-release"))
	pkgs := dpkgVersions(in.host("/var/lib/dpkg/status"))
	in.ProsodyPackage, in.EjabberdPackage = pkgs["prosody"], pkgs["ejabberd"]
	bin, ok := in.lookPath("prosody")
	_, ok2 := in.lookPath("prosodyctl")
	switch {
	case !ok || !ok2:
		in.Missing = append(in.Missing, "prosody (binaries prosody and prosodyctl)")
	default:
		script, _ := os.ReadFile(in.host(bin))
		in.ProsodyVersion = "unknown"
		if m := prosodySourceDir.FindSubmatch(script); m != nil {
			if v, err := os.ReadFile(in.host(filepath.Join(string(m[1]), "prosody.version"))); err == nil {
				in.ProsodyVersion = strings.TrimSpace(string(v))
			}
		}
		if lua := shebangInterpreter(in.host(bin)); lua == "" || !in.luaHas(lua, "lunbound") {
			in.Missing = append(in.Missing, "lua-unbound for Prosody's Lua (Prosody would read /etc/resolv.conf instead of the test's DNS server)")
		}
	}
	if _, libs, err := in.ejabberdInstall(); err != nil {
		in.Missing = append(in.Missing, "ejabberd ("+err.Error()+")")
	} else {
		apps, _ := filepath.Glob(filepath.Join(in.host(libs), "ejabberd-*", "ebin", "ejabberd.app"))
		in.EjabberdVersion = "unknown"
		if len(apps) > 0 {
			if data, err := os.ReadFile(apps[0]); err == nil {
				if m := appVsn.FindSubmatch(data); m != nil {
					in.EjabberdVersion = string(m[1])
				}
			}
		}
	}
	return in
}

// lookPath finds the first of names in the installation's PATH
// directories; it returns the path inside the installation.
func (in installed) lookPath(names ...string) (string, bool) {
	for _, n := range names {
		if in.Root == "" {
			if p, err := exec.LookPath(n); err == nil {
				return p, true
			}
		}
		for _, d := range []string{"/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"} {
			p := filepath.Join(d, n)
			if st, err := os.Stat(in.host(p)); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
				return p, true
			}
		}
	}
	return "", false
}

// distribution reads an os-release file: "Debian 12 bookworm", "Debian
// sid" (sid's os-release has no VERSION_ID), or "unknown".
func distribution(path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	kv := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok {
			kv[k] = strings.Trim(v, `"'`)
		}
	}
	name := kv["NAME"]
	if strings.HasPrefix(name, "Debian") {
		name = "Debian"
	}
	switch {
	case kv["VERSION_ID"] != "" && kv["VERSION_CODENAME"] != "":
		return name + " " + kv["VERSION_ID"] + " " + kv["VERSION_CODENAME"]
	case strings.Contains(kv["PRETTY_NAME"], "sid"):
		return name + " sid"
	case kv["PRETTY_NAME"] != "":
		return kv["PRETTY_NAME"]
	}
	return "unknown"
}

// dpkgVersions reads the installed packages' versions from dpkg's status
// file.
func dpkgVersions(path string) map[string]string {
	out := map[string]string{}
	data, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for _, stanza := range bytes.Split(data, []byte("\n\n")) {
		var pkg, version string
		installed := false
		for _, line := range strings.Split(string(stanza), "\n") {
			switch {
			case strings.HasPrefix(line, "Package: "):
				pkg = strings.TrimPrefix(line, "Package: ")
			case strings.HasPrefix(line, "Version: "):
				version = strings.TrimPrefix(line, "Version: ")
			case line == "Status: install ok installed":
				installed = true
			}
		}
		if pkg != "" && installed {
			out[pkg] = version
		}
	}
	return out
}

// shebangInterpreter returns the interpreter a script names on its first
// line ("#!/usr/bin/env lua5.4" gives "lua5.4").
func shebangInterpreter(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	line, _ := bufio.NewReader(f).ReadString('\n')
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(fields) == 0 {
		return ""
	}
	if filepath.Base(fields[0]) == "env" && len(fields) > 1 {
		return fields[1]
	}
	return fields[0]
}

func (in installed) luaHas(lua, module string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if !filepath.IsAbs(lua) {
		p, ok := in.lookPath(lua)
		if !ok {
			return false
		}
		lua = p
	}
	return in.command(ctx, lua, "-e", "require '"+module+"'").Run() == nil
}
