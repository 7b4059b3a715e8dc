package citest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recorder is a testing.TB that records how a test ended.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper() {}
func (r *recorder) Fatalf(format string, args ...any) {
	r.fatal = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Skip(args ...any) {
	r.skip = fmt.Sprint(args...)
	runtime.Goexit()
}

func end() *recorder {
	r := &recorder{}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Missing(r, "lua5.4 not installed (apt-get install %s)", "lua5.4")
	}()
	<-done
	return r
}

func TestMissing(t *testing.T) {
	t.Setenv("CI", "true")
	r := end()
	if r.skip != "" || !strings.HasPrefix(r.fatal, "lua5.4 not installed (apt-get install lua5.4); CI=true") {
		t.Errorf("CI=true: fatal %q, skip %q", r.fatal, r.skip)
	}
	for _, v := range []string{"", "false", "1"} {
		t.Setenv("CI", v)
		r = end()
		if r.fatal != "" || r.skip != "lua5.4 not installed (apt-get install lua5.4)" {
			t.Errorf("CI=%q: fatal %q, skip %q", v, r.fatal, r.skip)
		}
	}
}
