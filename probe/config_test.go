package probe

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/livetest"
	"github.com/xmpplint/xmpplint/interop"
)

func writeFile(t testing.TB, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestConfigFormats: the same modules written in YAML and in TOML load
// alike, next to the built-in ones.
func TestConfigFormats(t *testing.T) {
	t.Parallel()
	ca := livetest.NewPKI(t, domain).CAFile(t)
	yamlText := `modules:
  s2s_private:
    prober: s2s
    direct_tls: true
    timeout: 3s
    from: monitor.example.org
    trust: files
    ca_files: [` + ca + `]
    require_accept: [ejabberd-legacy, "prosody-13:s2s-out"]
    fail_on: warn
    profile: strict
`
	tomlText := `[modules.s2s_private]
prober = "s2s"
direct_tls = true
timeout = "3s"
from = "monitor.example.org"
trust = "files"
ca_files = ["` + ca + `"]
require_accept = ["ejabberd-legacy", "prosody-13:s2s-out"]
fail_on = "warn"
profile = "strict"
`
	var loaded []*Module
	for _, f := range []struct{ name, text string }{{"m.yaml", yamlText}, {"m.toml", tomlText}} {
		names, err := CheckConfig(Options{ConfigFile: writeFile(t, f.name, f.text), CAFiles: []string{ca}, NoSystemRoots: true})
		if err != nil {
			t.Fatalf("%s: %v", f.name, err)
		}
		want := []string{"c2s_direct", "c2s_normal_auth", "s2s_direct", "s2s_normal", "s2s_private"}
		if !reflect.DeepEqual(names, want) {
			t.Errorf("%s: modules %v, want %v", f.name, names, want)
		}
		mods, err := loadModules(writeFile(t, f.name, f.text), Options{CAFiles: []string{ca}, NoSystemRoots: true})
		if err != nil {
			t.Fatal(err)
		}
		m := mods["s2s_private"]
		if m.Prober != &s2sProber || !m.DirectTLS || m.Timeout != 3*time.Second || m.From != "monitor.example.org" ||
			m.Roots == nil || m.Roots.Name != ca || m.FailOn != lint.Warn || m.Check.Profile != "strict" || m.Builtin {
			t.Errorf("%s: module %+v", f.name, m)
		}
		wantReq := []Requirement{{"ejabberd-legacy", interop.S2SIn}, {"ejabberd-legacy", interop.S2SOut}, {"prosody-13", interop.S2SOut}}
		if !reflect.DeepEqual(m.Require, wantReq) {
			t.Errorf("%s: requirements %v, want %v", f.name, m.Require, wantReq)
		}
		if b := mods["s2s_normal"]; !b.Builtin || b.Timeout != DefaultTimeout || b.FailOn != lint.Error || b.Roots == nil || b.DirectTLS {
			t.Errorf("built-in s2s_normal: %+v", b)
		}
		loaded = append(loaded, m)
	}
	if loaded[0].Roots != nil && loaded[1].Roots != nil {
		loaded[0].Roots, loaded[1].Roots = nil, nil
	}
	if !reflect.DeepEqual(loaded[0], loaded[1]) {
		t.Errorf("YAML and TOML differ:\n%+v\n%+v", loaded[0], loaded[1])
	}
}

// TestConfigErrors: a file with a mistake is refused, naming the file, the
// module and the mistake; every module's mistakes are reported.
func TestConfigErrors(t *testing.T) {
	t.Parallel()
	ca := livetest.NewPKI(t, domain).CAFile(t)
	cases := []struct{ name, text, want string }{
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    tiemout: 3s\n", "field tiemout not found"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n  a:\n    prober: c2s\n", "already defined"},
		{"m.yaml", "moduls: {}\n", "field moduls not found"},
		{"m.toml", "[modules.a]\nprober = \"s2s\"\ntiemout = \"3s\"\n", "tiemout"},
		{"m.json", "{}", "want a .yaml, .yml or .toml file"},
		{"m.yaml", "modules:\n  a:\n    prober: http\n", `module "a": prober "http": want one of c2s, s2s`},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    timeout: soon\n", `timeout "soon"`},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    timeout: 0s\n", "want more than 0"},
		{"m.yaml", "modules:\n  a:\n    prober: c2s\n    from: x.example\n", "only the s2s prober"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    from: 'not a domain'\n", "not a domain name"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    trust: files\n", "trust: files needs ca_files"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    trust: files\n    ca_files: [/nonexistent/ca.pem]\n", "/nonexistent/ca.pem"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    trust: maybe\n", `trust "maybe"`},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    ca_files: [" + ca + "]\n", "ca_files go with"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    require_accept: [ejabberd-ancient]\n", `model "ejabberd-ancient"`},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    require_accept: ['ejabberd:c2s']\n", "directions are s2s-in, s2s-out"},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    fail_on: panic\n", `fail_on "panic"`},
		{"m.yaml", "modules:\n  a:\n    prober: s2s\n    profile: lax\n", `unknown profile "lax"`},
		{"m.yaml", "modules:\n  'a b':\n    prober: s2s\n", "printable ASCII"},
		{"m.yaml", "modules:\n  a:\n    prober: http\n  b:\n    prober: s2s\n    fail_on: panic\n", `module "b"`},
	}
	for _, c := range cases {
		path := writeFile(t, c.name, c.text)
		_, err := CheckConfig(Options{ConfigFile: path, CAFiles: []string{ca}, NoSystemRoots: true})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want one containing %q", c.text, err, c.want)
			continue
		}
		if c.name != "m.json" && !strings.Contains(err.Error(), path) {
			t.Errorf("%q: error %v does not name the file", c.text, err)
		}
	}
	if _, err := CheckConfig(Options{ConfigFile: writeFile(t, "big.yaml", strings.Repeat("#", maxConfigSize+1))}); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("oversized file: %v", err)
	}
	// The built-in modules need roots: none at all is an error at start.
	if _, err := CheckConfig(Options{NoSystemRoots: true}); err == nil || !strings.Contains(err.Error(), "no roots") {
		t.Errorf("no roots: %v", err)
	}
}

// TestConfigOverride: a module of the file replaces the built-in module of
// that name; trust none judges no chain.
func TestConfigOverride(t *testing.T) {
	t.Parallel()
	ca := livetest.NewPKI(t, domain).CAFile(t)
	mods, err := loadModules(writeFile(t, "m.yml", "modules:\n  s2s_normal:\n    prober: s2s\n    trust: none\n    fail_on: never\n"), Options{CAFiles: []string{ca}, NoSystemRoots: true})
	if err != nil {
		t.Fatal(err)
	}
	if m := mods["s2s_normal"]; m.Builtin || m.Roots != nil || m.FailOn != lint.Reserved {
		t.Errorf("overridden s2s_normal: %+v", m)
	}
}

func TestParseTarget(t *testing.T) {
	t.Parallel()
	cases := []struct {
		in     string
		p      *Prober
		domain string
		given  string // host:port, "" for DNS
		err    string
	}{
		{"xmpp:example.org", &s2sProber, "example.org", "", ""},
		{"XMPP:Example.ORG.", &s2sProber, "Example.ORG", "", ""},
		{"xmpp:%C3%A9x.example", &s2sProber, "éx.example", "", ""},
		{"xmpp:user@example.org", &c2sProber, "example.org", "", ""},
		{"xmpp:user@example.org", &s2sProber, "", "", "not the JID of a user"},
		{"xmpp://127.0.0.1:5299/example.org", &s2sProber, "example.org", "127.0.0.1:5299", ""},
		{"xmpp://[::1]:5299/example.org", &s2sProber, "example.org", "[::1]:5299", ""},
		{"xmpp://xmpp.example.org/example.org", &c2sProber, "example.org", "xmpp.example.org:5222", ""},
		{"xmpp://h:0/example.org", &s2sProber, "", "", "want 1 to 65535"},
		{"xmpp:example.org/res", &c2sProber, "", "", "without a resource"},
		{"https://example.org", &s2sProber, "", "", "want xmpp:DOMAIN"},
		{"example.org", &s2sProber, "", "", "want xmpp:DOMAIN"},
		{"xmpp:", &s2sProber, "", "", "want xmpp:DOMAIN"},
		{"xmpp:exa mple.org", &s2sProber, "", "", "not a domain name"},
		{"xmpp:*.example.org", &s2sProber, "", "", "not a domain name"},
		{"xmpp:example.org?join", &s2sProber, "", "", "no query"},
		{"xmpp:" + strings.Repeat("a", 2000), &s2sProber, "", "", "longer than"},
	}
	for _, c := range cases {
		got, err := ParseTarget(c.in, c.p, false)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		addr := ""
		if got.Given != nil {
			addr = got.Given.Addr()
		}
		if got.Domain != c.domain || addr != c.given {
			t.Errorf("%q: domain %q, endpoint %q; want %q, %q", c.in, got.Domain, addr, c.domain, c.given)
		}
	}
}

func TestLabelValue(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"CN=example.org":         "CN=example.org",
		"CN=é":                   "CN=é",
		"CN=\x1b[31mred\r\n":     `CN=\x1b[31mred\r\n`,
		"CN=\xff":                `CN=\xff`,
		"CN=a\u202eb":            `CN=a\u202eb`,
		`CN=back\slash "q"`:      `CN=back\\slash "q"`,
		strings.Repeat("é", 300): strings.Repeat("é", maxLabel/2) + "...",
	}
	for in, want := range cases {
		if got := labelValue(in); got != want {
			t.Errorf("labelValue(%q) = %q, want %q", in, got, want)
		}
	}
}
