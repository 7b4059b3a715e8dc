package server

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/corpus"
)

// boulderFinding is the finding Boulder's pkimetal client
// (linter/pkimetal/client.go) decodes: lower-case tags, which
// encoding/json matches to pkimetal's capitalised keys. The test-only
// module internal/boulderwire runs that client itself.
type boulderFinding struct {
	Linter   string `json:"linter"`
	Finding  string `json:"finding"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Field    string `json:"field"`
}

// boulderLint sends a certificate as Boulder's client does: a urlencoded
// form with b64input, severity and format=json, Accept application/json,
// over a Unix socket, any status but 200 an error; it returns the
// findings with Boulder's "Linter:Code" ids.
func boulderLint(client *http.Client, addr string, der []byte, severity string) (map[string]boulderFinding, error) {
	form := url.Values{}
	form.Set("b64input", base64.StdEncoding.EncodeToString(der))
	form.Set("severity", severity)
	form.Set("format", "json")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, addr+"/lintcert", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Add("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Add("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("got status %d (%s) from pkimetal API", resp.StatusCode, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	var res []boulderFinding
	if err := json.Unmarshal(body, &res); err != nil {
		return nil, fmt.Errorf("parsing response from pkimetal API: %v", err)
	}
	out := map[string]boulderFinding{}
	for _, f := range res {
		out[f.Linter+":"+f.Code] = f
	}
	return out, nil
}

// zlintStatus maps pkimetal's severity names back to zlint's statuses.
var zlintStatus = map[string]lint.LintStatus{"notice": lint.Notice, "warning": lint.Warn, "error": lint.Error, "fatal": lint.Fatal}

// TestPKIMetalWireBoulderClient: every corpus certificate, sent over a
// Unix socket in the wire format of Boulder's pkimetal client, comes back
// with exactly the findings the engine gives in process, severities
// mapped.
func TestPKIMetalWireBoulderClient(t *testing.T) {
	sock := filepath.Join(t.TempDir(), "xmpplint.sock")
	s, err := New(Options{Listen: "unix:" + sock}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("unix:" + sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- s.Serve(ctx, ln, nil) }()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Error(err)
		}
	}()
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}}
	ch, err := check.New(check.Config{Profile: Defaults().Profile})
	if err != nil {
		t.Fatal(err)
	}
	n, withFindings := 0, 0
	for _, c := range corpus.Cases() {
		ders, err := c.Build()
		if err != nil {
			t.Fatal(err)
		}
		rec := ch.CheckOne(check.Cert{Input: c.Name, DER: ders[0]})
		got, err := boulderLint(client, "http://xmpplint", ders[0], "notice")
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		want := map[string]lint.LintStatus{}
		for _, r := range rec.Results {
			if r.Status >= lint.Notice {
				want["xmpplint:"+r.Name] = r.Status
			}
		}
		for id, f := range got {
			if f.Linter != "xmpplint" || f.Code == "" || f.Finding == "" {
				t.Errorf("%s: finding %s lacks a linter, code or text: %+v", c.Name, id, f)
			}
			if zlintStatus[f.Severity] != want[id] {
				t.Errorf("%s: %s: wire severity %q, engine %v", c.Name, id, f.Severity, want[id])
			}
		}
		for id := range want {
			if _, ok := got[id]; !ok {
				t.Errorf("%s: %s missing on the wire", c.Name, id)
			}
		}
		if len(got) > 0 {
			withFindings++
		}
		n++
	}
	if n < 50 || withFindings < 20 {
		t.Errorf("corpus too small to prove anything: %d certificates, %d with findings", n, withFindings)
	}
	t.Logf("%d corpus certificates over the wire, %d with findings", n, withFindings)

	// Boulder's ignore list and severity floor work on these ids.
	der := corpusDER(t, "srvid-no-service-label")
	got, err := boulderLint(client, "http://xmpplint", der, "error")
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := got["xmpplint:e_xmpp_srvname_malformed"]; !ok || f.Severity != "error" {
		t.Errorf("severity=error: %+v", got)
	}
	for _, f := range got {
		if zlintStatus[f.Severity] < lint.Error {
			t.Errorf("severity=error let through %+v", f)
		}
	}
}
