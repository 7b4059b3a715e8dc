// Command serve measures `xmpplint serve` on loopback: a fixed number of
// POST /lintcert requests (pkimetal's form, b64input, JSON answers) at
// concurrency 1, 2 and 8, with throughput and p50/p99 latency, beside the
// in-process library rate (the same checker, profile and certificates,
// Checker.CheckOne on one goroutine per core) measured in the same run.
//
//	go run ./bench/serve                    # 3000 requests per level
//	go run ./bench/serve --requests 500 --runs 1
//
// The certificates are the first lines of bench's deterministic corpus
// that parse (Web PKI leaves, private XMPP server and client
// certificates, intermediates). Client and server share the machine, so
// the client's CPU counts against the server's rate, as it does for a CA
// calling a linter on the same host. Goals checked: /lintcert at
// concurrency 2 reaches at least half the in-process rate, and its p99 is
// under 5 ms. Missing a goal is reported, not an error.
package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/bench"
	"github.com/xmpplint/xmpplint/check"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/server"
)

func main() {
	requests := flag.Int("requests", 3000, "requests per concurrency level and run")
	runs := flag.Int("runs", 3, "runs of every measurement, interleaved; medians reported")
	certs := flag.Int("certs", 1000, "distinct certificates cycled through")
	levels := flag.String("concurrency", "1,2,8", "client concurrency levels")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the whole run (client and server) to this file")
	child := flag.Bool("server-child", false, "internal: serve on a loopback port, print the address, stop when stdin closes")
	flag.StringVar(&serverProfile, "server-cpuprofile", "", "write a CPU profile of the server process to this file")
	flag.Parse()
	if *child {
		if serverProfile != "" {
			f, err := os.Create(serverProfile)
			if err != nil {
				fmt.Fprintln(os.Stderr, "serve bench server:", err)
				os.Exit(2)
			}
			pprof.StartCPUProfile(f)
			defer pprof.StopCPUProfile()
		}
		if err := serveChild(); err != nil {
			fmt.Fprintln(os.Stderr, "serve bench server:", err)
			os.Exit(2)
		}
		return
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "serve bench:", err)
			os.Exit(2)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	var cs []int
	for _, f := range strings.Split(*levels, ",") {
		var c int
		if _, err := fmt.Sscan(f, &c); err != nil || c < 1 {
			fmt.Fprintf(os.Stderr, "serve bench: bad concurrency %q\n", f)
			os.Exit(2)
		}
		cs = append(cs, c)
	}
	res, err := Run(*requests, *runs, *certs, cs)
	if err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "serve bench:", err)
		os.Exit(2)
	}
	res.Print(os.Stdout)
}

// Level is one concurrency level's medians.
type Level struct {
	Concurrency int
	Rate        float64 // requests per second
	P50, P99    time.Duration
	// CPU is the server process's CPU time (user+sys) per request: on a
	// shared machine, steadier than the rate. ClientCPU is the benchmark
	// process's (the HTTP client's) per request.
	CPU, ClientCPU time.Duration
}

// Result is a whole run.
type Result struct {
	Requests, Runs, Certs int
	CPUs                  int
	InProcess             float64 // certificates per second, one goroutine per core
	InProcessCPU          time.Duration
	Levels                []Level
}

// Run measures; see the package comment.
func Run(requests, runs, ncerts int, levels []int) (*Result, error) {
	var ders [][]byte
	for _, der := range bench.Sample(2 * ncerts) {
		if _, err := x509.ParseCertificate(der); err == nil && len(ders) < ncerts {
			ders = append(ders, der)
		}
	}
	if len(ders) == 0 {
		return nil, errors.New("no certificates")
	}
	bodies := make([]string, len(ders))
	for i, der := range ders {
		bodies[i] = url.Values{"b64input": {base64.StdEncoding.EncodeToString(der)}, "severity": {"notice"}}.Encode()
	}

	srv, err := startChild()
	if err != nil {
		return nil, err
	}
	defer srv.stop()
	addr := "http://" + srv.addr + "/lintcert"
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, DisableCompression: true}}

	// The checker /lintcert uses: the server's default profile, no
	// federation verdicts (pkimetal's answer has none).
	ch, err := check.New(check.Config{Profile: server.Defaults().Profile})
	if err != nil {
		return nil, err
	}

	res := &Result{Requests: requests, Runs: runs, Certs: len(ders), CPUs: runtime.GOMAXPROCS(0)}
	inproc := make([]float64, 0, runs)
	inprocCPU := make([]float64, 0, runs)
	per := make([][]Level, len(levels))
	// Warm up both paths (connections, caches, the checker cache).
	inProcess(ch, ders, requests/4+1)
	if _, err := overHTTP(client, addr, bodies, requests/4+1, 2, srv); err != nil {
		return nil, err
	}
	for r := 0; r < runs; r++ {
		cpu0 := bench.CPUTime()
		inproc = append(inproc, inProcess(ch, ders, requests))
		inprocCPU = append(inprocCPU, float64(bench.CPUTime()-cpu0)/float64(requests))
		for i, c := range levels {
			l, err := overHTTP(client, addr, bodies, requests, c, srv)
			if err != nil {
				return nil, err
			}
			per[i] = append(per[i], l)
		}
	}
	res.InProcess = median(inproc)
	res.InProcessCPU = time.Duration(median(inprocCPU))
	for i, c := range levels {
		rates := make([]float64, runs)
		p50s := make([]float64, runs)
		p99s := make([]float64, runs)
		cpus := make([]float64, runs)
		clients := make([]float64, runs)
		for r, l := range per[i] {
			rates[r], p50s[r], p99s[r], cpus[r], clients[r] = l.Rate, float64(l.P50), float64(l.P99), float64(l.CPU), float64(l.ClientCPU)
		}
		res.Levels = append(res.Levels, Level{Concurrency: c, Rate: median(rates), P50: time.Duration(median(p50s)), P99: time.Duration(median(p99s)),
			CPU: time.Duration(median(cpus)), ClientCPU: time.Duration(median(clients))})
	}
	return res, nil
}

// inProcess lints n certificates with CheckOne on one goroutine per core
// and returns certificates per second.
func inProcess(ch *check.Checker, ders [][]byte, n int) float64 {
	workers := runtime.GOMAXPROCS(0)
	var next atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				rec := ch.CheckOne(check.Cert{Input: "b64input", DER: ders[i%len(ders)]})
				rec.Release()
			}
		}()
	}
	wg.Wait()
	return float64(n) / time.Since(start).Seconds()
}

// overHTTP sends n requests on c connections at once and returns the rate
// and latency percentiles.
func overHTTP(client *http.Client, addr string, bodies []string, n, c int, srv *child) (Level, error) {
	lat := make([]time.Duration, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	cpu0, client0 := srv.cpu(), bench.CPUTime()
	start := time.Now()
	for w := 0; w < c; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				t0 := time.Now()
				err := post(client, addr, bodies[i%len(bodies)])
				lat[i] = time.Since(t0)
				if err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu, clientCPU := srv.cpu()-cpu0, bench.CPUTime()-client0
	if firstErr != nil {
		return Level{}, firstErr
	}
	slices.Sort(lat)
	return Level{Concurrency: c, Rate: float64(n) / elapsed.Seconds(), P50: lat[n/2], P99: lat[(n*99)/100], CPU: cpu / time.Duration(n), ClientCPU: clientCPU / time.Duration(n)}, nil
}

func post(client *http.Client, addr, body string) error {
	req, err := http.NewRequest(http.MethodPost, addr, strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// Print writes the table and the goals.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "xmpplint serve, POST /lintcert on loopback: %d requests per level, %d distinct certificates, median of %d runs, %d CPUs\n\n",
		r.Requests, r.Certs, r.Runs, r.CPUs)
	fmt.Fprintf(w, "%-28s %10s %10s %10s %11s %13s %12s %15s\n", "", "certs/s", "p50", "p99", "of in-proc", "cpu-µs/cert", "in-proc/cpu", "client-cpu-µs")
	fmt.Fprintf(w, "%-28s %10.0f %10s %10s %11s %13.0f %12s %15s\n", fmt.Sprintf("in-process (%d goroutines)", r.CPUs), r.InProcess, "", "", "1.00", us(r.InProcessCPU), "1.00", "")
	for _, l := range r.Levels {
		fmt.Fprintf(w, "%-28s %10.0f %10s %10s %11.2f %13.0f %12s %15.0f\n", fmt.Sprintf("serve, concurrency %d", l.Concurrency), l.Rate, round(l.P50), round(l.P99), l.Rate/r.InProcess, us(l.CPU), ratio(r.InProcessCPU, l.CPU), us(l.ClientCPU))
	}
	fmt.Fprintln(w, "\ncpu-µs/cert: user+sys CPU per certificate of the linting process (for serve: the server\nprocess alone; the client runs in the benchmark's process); in-proc/cpu: in-process CPU per\ncertificate over serve's (1.00: no overhead); client-cpu-µs: the HTTP client's CPU per request, on\nthe same cores.")
	for _, l := range r.Levels {
		if l.Concurrency != 2 {
			continue
		}
		fmt.Fprintf(w, "\ngoal: concurrency 2 at >= 0.5 of in-process: %.2f (%s)\n", l.Rate/r.InProcess, verdict(l.Rate >= r.InProcess/2))
		fmt.Fprintf(w, "goal: concurrency 2 p99 < 5ms: %s (%s)\n", round(l.P99), verdict(l.P99 < 5*time.Millisecond))
	}
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

func ratio(a, b time.Duration) string {
	if a <= 0 || b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.2f", float64(a)/float64(b))
}

func round(d time.Duration) string { return d.Round(10 * time.Microsecond).String() }

func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

// serverProfile, when set, is where the server process writes its CPU
// profile.
var serverProfile string

// serveChild is the server process: xmpplint serve's package with its
// defaults (and Run's garbage collector target) on a loopback port, until
// standard input closes.
func serveChild() error {
	server.TuneGC() // as Run does
	s, err := server.New(server.Options{Listen: "127.0.0.1:0"}, nil, nil, nil)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		io.Copy(io.Discard, os.Stdin)
		cancel()
	}()
	fmt.Println(ln.Addr().String())
	return s.Serve(ctx, ln, nil)
}

// child is the server process as the benchmark sees it.
type child struct {
	cmd  *exec.Cmd
	in   io.WriteCloser
	addr string
}

// startChild runs this program again as the server.
func startChild() (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	args := []string{"-server-child"}
	if serverProfile != "" {
		args = append(args, "-server-cpuprofile", serverProfile)
	}
	cmd := exec.Command(exe, args...)
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		in.Close()
		cmd.Wait()
		return nil, fmt.Errorf("server process: %v", err)
	}
	return &child{cmd: cmd, in: in, addr: strings.TrimSpace(line)}, nil
}

func (c *child) stop() {
	c.in.Close()
	c.cmd.Wait()
}

// cpu is the server process's user+sys CPU time so far, from
// /proc/PID/stat (0 where there is no /proc).
func (c *child) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", c.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the parenthesised command name; utime and stime are
	// the 14th and 15th fields of the line, in clock ticks (100 a second
	// on Linux).
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 13 {
		return 0
	}
	var ut, st int64
	fmt.Sscan(f[11], &ut)
	fmt.Sscan(f[12], &st)
	return time.Duration(ut+st) * 10 * time.Millisecond
}
