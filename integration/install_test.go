//go:build linux

package integration

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// installHint is the command that installs what the test needs.
const installHint = "run scripts/xmpp-servers (apt-get install prosody lua-unbound ejabberd)"

// installed describes the servers found on the machine.
type installed struct {
	ProsodyVersion  string
	EjabberdVersion string
	// Missing lists what is absent, in words.
	Missing []string
}

var (
	prosodySourceDir = regexp.MustCompile(`(?m)^CFG_SOURCEDIR='([^']+)'`)
	appVsn           = regexp.MustCompile(`\{vsn,\s*"([^"]+)"\}`)
)

// detectInstall finds Prosody (with lua-unbound, through which the test
// steers its DNS look-ups) and ejabberd, and their versions.
func detectInstall() installed {
	var in installed
	bin, ok := lookPath("prosody")
	_, ok2 := lookPath("prosodyctl")
	switch {
	case !ok || !ok2:
		in.Missing = append(in.Missing, "prosody (binaries prosody and prosodyctl)")
	default:
		script, _ := os.ReadFile(bin)
		in.ProsodyVersion = "unknown"
		if m := prosodySourceDir.FindSubmatch(script); m != nil {
			if v, err := os.ReadFile(filepath.Join(string(m[1]), "prosody.version")); err == nil {
				in.ProsodyVersion = strings.TrimSpace(string(v))
			}
		}
		if lua := shebangInterpreter(bin); lua == "" || !luaHas(lua, "lunbound") {
			in.Missing = append(in.Missing, "lua-unbound for Prosody's Lua (Prosody would read /etc/resolv.conf instead of the test's DNS server)")
		}
	}
	if _, libs, err := ejabberdInstall(); err != nil {
		in.Missing = append(in.Missing, "ejabberd ("+err.Error()+")")
	} else {
		apps, _ := filepath.Glob(filepath.Join(libs, "ejabberd-*", "ebin", "ejabberd.app"))
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

func luaHas(lua, module string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return exec.CommandContext(ctx, lua, "-e", "require '"+module+"'").Run() == nil
}
