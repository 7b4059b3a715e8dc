package input

import (
	"context"
	"io"
	"os"
	"sort"
	"strings"
)

// walker reads the inputs named on a command line, one after another.
type walker struct {
	ctx   context.Context
	stdin io.Reader
	yield func(Item) error
	sr    streamReader
	// dirs are the directories being walked, outermost first, to stop
	// symbolic-link loops.
	dirs []dirInfo
	// items and skipped count what the walk of a directory gave.
	items, skipped int
}

type dirInfo struct {
	path string
	fi   os.FileInfo
}

func (w *walker) emitter(path string) *emitter {
	return &emitter{ctx: w.ctx, path: path, yield: w.count}
}

func (w *walker) count(it Item) error {
	w.items++
	return w.yield(it)
}

// skip reports a file of a walk that is not read.
func (w *walker) skip(path, why string) {
	w.skipped++
	if w.sr.opts.OnSkip != nil {
		w.sr.opts.OnSkip(path, why)
	}
}

// fail reports an input that cannot be read at all: one item, index 0.
func (w *walker) fail(path string, err error) error {
	return w.emitter(path).fail(0, -1, err)
}

// input reads one path given by the caller: any file (a pipe such as
// /dev/stdin too), a directory, or "-".
func (w *walker) input(path string) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if path == Stdin {
		stdin := w.stdin
		if stdin == nil {
			stdin = strings.NewReader("")
		}
		return w.sr.read(w.emitter(path), newCancelReader(w.ctx, stdin), false)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return w.fail(path, err)
	}
	if fi.IsDir() {
		w.dirs = w.dirs[:0]
		w.items, w.skipped = 0, 0
		if err := w.dir(path, fi); err != nil || w.items > 0 {
			return err
		}
		if w.skipped == 0 {
			return w.fail(path, reason(ErrNoCertificate, "empty directory: no certificate"))
		}
		return w.fail(path, reason(ErrNoCertificate, "directory: no certificate (%d file%s skipped)", w.skipped, plural(w.skipped)))
	}
	return w.file(path, fi, false)
}

// dir walks a directory in sorted order, following symbolic links.
func (w *walker) dir(path string, fi os.FileInfo) error {
	for _, d := range w.dirs {
		if os.SameFile(d.fi, fi) {
			return w.fail(path, reason(ErrLoop, "directory loop: links back to %s", d.path))
		}
	}
	names, err := readDirNames(path)
	if err != nil {
		return w.fail(path, err)
	}
	sort.Strings(names)
	w.dirs = append(w.dirs, dirInfo{path, fi})
	defer func() { w.dirs = w.dirs[:len(w.dirs)-1] }()
	for _, name := range names {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		full := joinPath(path, name)
		fi, err := os.Stat(full)
		switch {
		case err != nil:
			err = w.fail(full, err)
		case fi.IsDir():
			err = w.dir(full, fi)
		case fi.Mode().IsRegular():
			err = w.file(full, fi, true)
		default: // devices, pipes and sockets met in a walk are not inputs
			w.skip(full, "not a regular file")
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readDirNames lists a directory's entries: names only, the least memory
// a sorted walk can hold.
func readDirNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}

// joinPath keeps the caller's spelling of the directory ("./certs/"
// stays "./certs/x.pem"), unlike filepath.Join.
func joinPath(dir, name string) string {
	if strings.HasSuffix(dir, string(os.PathSeparator)) || strings.HasSuffix(dir, "/") {
		return dir + name
	}
	return dir + string(os.PathSeparator) + name
}

func (w *walker) file(path string, fi os.FileInfo, walked bool) error {
	if walked && fi.Size() == 0 {
		w.skip(path, "empty file")
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return w.fail(path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if !fi.Mode().IsRegular() {
		r = newCancelReader(w.ctx, f) // a pipe or terminal may block
	}
	return w.sr.read(w.emitter(path), r, walked)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
