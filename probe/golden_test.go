package probe

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/internal/livetest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// normalize replaces what changes from run to run in a probe's answer
// (ports, fingerprints of fresh keys, times) with fixed words.
func normalize(body string, port int) string {
	body = regexp.MustCompile(fmt.Sprintf(`127\.0\.0\.1:%d`, port)).ReplaceAllString(body, "127.0.0.1:PORT")
	body = regexp.MustCompile(`fingerprint_sha256="[0-9a-f]{64}"`).ReplaceAllString(body, `fingerprint_sha256="SHA256"`)
	body = regexp.MustCompile(`(?m)^((?:probe_duration_seconds|probe_ssl_earliest_cert_expiry|probe_xmpplint_cert_expiry_days)(?:\{[^}]*\})?) \S+$`).ReplaceAllString(body, "$1 VALUE")
	// Series are ordered by label values, fingerprints among them: order
	// them again once those are gone.
	lines := strings.Split(body, "\n")
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && lines[j] != "" && !strings.HasPrefix(lines[j], "#") {
			j++
		}
		sort.Strings(lines[i:j])
		i = j + 1
	}
	return strings.Join(lines, "\n")
}

// TestGolden compares whole answers, in the Prometheus text format, with
// the files in testdata/: every metric's name, help, type, labels and
// value, for a passing probe and for a failing one (go test -update
// rewrites them).
func TestGolden(t *testing.T) {
	t.Parallel()
	good := livetest.NewPKI(t, domain, both...)
	other := livetest.NewPKI(t, "other.test", both...)
	for _, c := range []struct {
		file string
		pki  livetest.PKI
	}{{"s2s_good.prom", good}, {"s2s_wrong_identity.prom", other}} {
		port := livetest.Serve(t, livetest.STARTTLS(c.pki, nil))
		h := newHandler(t, good.CAFile(t), "", nil, Options{})
		r := doProbe(t, h, "s2s_normal", given(port), nil)
		got := normalize(r.body, port)
		path := filepath.Join("testdata", c.file)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (go test ./probe -run TestGolden -update writes it)", err)
		}
		if got != string(want) {
			t.Errorf("%s differs; got:\n%s", path, got)
		}
	}
}
