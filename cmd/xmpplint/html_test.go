package main

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xmpplint/xmpplint/internal/citest"
	"github.com/xmpplint/xmpplint/summary"
)

// chromium returns the path of Debian's chromium, or skips.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	citest.Missing(t, "chromium not installed (apt-get install chromium)")
	return ""
}

// headless runs chromium on a local file with the flags this workplace's
// closed network needs, and returns its standard output.
func headless(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return out
}

var dataK = regexp.MustCompile(`data-k="([^"]+)"[^>]*>([0-9]+)<`)

// expected resolves a data-k key against the JSON summary.
func expected(s *summary.Summary, key string) (int, error) {
	parts := strings.Split(key, "/")
	switch parts[0] {
	case "certificates":
		return s.Certificates, nil
	case "parse_errors":
		return s.ParseErrors, nil
	case "roles":
		return s.Roles[parts[1]], nil
	case "eku":
		return s.EKU[parts[1]], nil
	case "identities":
		return s.Identities[parts[1]], nil
	case "federation_s2s_fail":
		return s.FederationS2SFail[parts[1]], nil
	case "federation":
		if len(parts) == 4 {
			return s.Federation[parts[1]][parts[2]][parts[3]], nil
		}
	case "lints":
		if len(parts) == 3 {
			n := 0
			if c := s.Lints[parts[1]][parts[2]]; c != nil {
				n = c.N
			}
			if parts[2] == "error" {
				if c := s.Lints[parts[1]]["fatal"]; c != nil {
					n += c.N
				}
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("unknown key %q", key)
}

// TestHTMLReportInChromium renders the HTML summary of an audit of the
// bundled corpus in headless Chromium: the page must not be blank, and
// every number it shows must equal the JSON summary's.
func TestHTMLReportInChromium(t *testing.T) {
	bin := chromium(t)
	inCorpus(t)
	if r := xmpplint(t, "", "audit", "--summary", "json", "--summary-out", "s.json", "certs", "external"); r.code != exitOK {
		t.Fatalf("audit: %d %s", r.code, r.stderr)
	}
	if r := xmpplint(t, "", "audit", "--summary", "html", "--summary-out", "report.html", "certs", "external"); r.code != exitOK {
		t.Fatalf("audit: %d %s", r.code, r.stderr)
	}
	sum := readSummary(t, "s.json")
	page, err := filepath.Abs("report.html")
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(page)
	for _, bad := range []string{"<script", "<link", "src=", "href=", "url(", "@import"} {
		if strings.Contains(string(raw), bad) {
			t.Errorf("report is not self-contained: it holds %q", bad)
		}
	}
	dom := headless(t, bin, "--dump-dom", "file://"+page)
	matches := dataK.FindAllStringSubmatch(string(dom), -1)
	if len(matches) < 20 {
		t.Fatalf("only %d numbers found in the rendered page", len(matches))
	}
	for _, m := range matches {
		got, _ := strconv.Atoi(m[2])
		want, err := expected(sum, m[1])
		if err != nil {
			t.Error(err)
			continue
		}
		if got != want {
			t.Errorf("page shows %s = %d, JSON summary has %d", m[1], got, want)
		}
	}
	shot := filepath.Join(t.TempDir(), "report.png")
	headless(t, bin, "--screenshot="+shot, "--window-size=1200,1800", "--hide-scrollbars", "file://"+page)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if frac, colours := inked(img); frac < 0.02 || colours < 4 {
		t.Errorf("screenshot looks blank: %.3f of pixels inked, %d distinct colours", frac, colours)
	}
	if keep := os.Getenv("XMPPLINT_KEEP_SCREENSHOT"); keep != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(keep, data, 0o644)
	}
}

// inked returns the share of non-white pixels and the number of distinct
// colours (coarsely quantised) in img.
func inked(img image.Image) (float64, int) {
	b := img.Bounds()
	ink, total := 0, 0
	colours := map[uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
			colours[(r>>12)<<8|(g>>12)<<4|bl>>12] = true
		}
	}
	return float64(ink) / float64(total), len(colours)
}
