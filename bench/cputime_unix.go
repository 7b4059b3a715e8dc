//go:build unix

package bench

import (
	"syscall"
	"time"
)

// CPUTime is the process's user plus system CPU time so far; on a shared
// machine it is a steadier measure of work than elapsed time.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
