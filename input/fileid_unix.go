//go:build unix

package input

import (
	"os"
	"syscall"
)

// idOf is the (device, inode) of a file, which names it whatever path
// reached it.
func idOf(fi os.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{dev: uint64(st.Dev), ino: uint64(st.Ino)}, true //nolint:unconvert // int32 on some systems
}
