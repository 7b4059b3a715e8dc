//go:build !unix

package input

import "os"

// idOf has no (device, inode) to give here: the walker compares files with
// os.SameFile instead.
func idOf(os.FileInfo) (fileID, bool) { return fileID{}, false }
