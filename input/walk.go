package input

import (
	"context"
	"io"
	"os"
	"sort"
	"strconv"
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
	// seen holds every real directory walked and every real file read
	// during this run: each is walked or read once, whatever number of
	// paths (symbolic links) lead to it.
	seen seenSet
	// items and skipped count what the walk of a directory gave.
	items, skipped int
}

type dirInfo struct {
	path string
	fi   os.FileInfo
}

// fileID names a real file or directory: its device and inode.
type fileID struct{ dev, ino uint64 }

// seenSet records the real directories walked and the real files read in
// this run: a map from (device, inode) to a mark, some 40 bytes per file.
// Where the system gives no inode it compares with os.SameFile, one by one.
type seenSet struct {
	byID  map[fileID]*mark
	other []*mark
	// current are the marks of the walk under way.
	current []*mark
}

// mark is what a run knows of a real file or directory it met.
type mark struct {
	fi os.FileInfo // only where there is no inode
	// entry, during the walk that met it, is the file's entry or a
	// directory's first file entry (nil when it holds none): the one that
	// takes the notes about other paths to it. Nil after that walk.
	entry *walkEntry
	// path is the path it was met as, during that walk only.
	path    string
	current bool
}

func (s *seenSet) find(fi os.FileInfo) *mark {
	if id, ok := idOf(fi); ok {
		return s.byID[id]
	}
	for _, m := range s.other {
		if os.SameFile(m.fi, fi) {
			return m
		}
	}
	return nil
}

// add records fi, met as path by the walk under way (current) or as a
// file named on the command line.
func (s *seenSet) add(fi os.FileInfo, path string, current bool) *mark {
	m := &mark{path: path, current: current}
	if id, ok := idOf(fi); ok {
		if s.byID == nil {
			s.byID = map[fileID]*mark{}
		}
		s.byID[id] = m
	} else {
		m.fi = fi
		s.other = append(s.other, m)
	}
	if current {
		s.current = append(s.current, m)
	} else {
		m.path = ""
	}
	return m
}

// endWalk forgets what only the walk under way needed.
func (s *seenSet) endWalk() {
	for _, m := range s.current {
		m.entry, m.path, m.current = nil, "", false
	}
	s.current = s.current[:0]
}

// walkEntry is one path a directory walk reads, or fails on, in walk order.
type walkEntry struct {
	path string
	err  error
	// aliases are other paths that lead to the same file or to a directory
	// above it, skipped as already read: the first few, and a count.
	aliases []string
	more    int
}

// maxAliases is how many skipped paths a note names before it counts.
const maxAliases = 3

func (e *walkEntry) alias(what, path string) {
	if len(e.aliases) < maxAliases {
		e.aliases = append(e.aliases, what+" "+path)
	} else {
		e.more++
	}
}

// notes says which paths were skipped as already read, for the first
// record of the entry's file.
func (e *walkEntry) notes() []string {
	if len(e.aliases) == 0 {
		return nil
	}
	s := "read once; skipped as already read: " + strings.Join(e.aliases, ", ")
	if e.more > 0 {
		s += " and " + strconv.Itoa(e.more) + " more"
	}
	return []string{s}
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

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// fail reports an input that cannot be read at all: one item, index 0.
func (w *walker) fail(path string, err error) error {
	return w.emitter(path).fail(0, -1, err)
}

// input reads one path given by the caller: any file (a pipe such as
// /dev/stdin too), a directory, or "-". A file named on the command line
// is read as asked, even twice; files found by walking a directory are
// read once per run.
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
	if !fi.IsDir() {
		if fi.Mode().IsRegular() && w.seen.find(fi) == nil {
			w.seen.add(fi, path, false)
		}
		return w.file(path, fi, false, nil)
	}
	// A walk lists its files first, each real directory once and each real
	// file once (so that symbolic links cannot multiply it: 17 levels of
	// two links each would make one certificate 65,536 records), then
	// reads them in walk order, with a note on each file reached by other
	// paths too. Memory: one entry per real file of the tree.
	w.dirs = w.dirs[:0]
	w.items, w.skipped = 0, 0
	defer w.seen.endWalk()
	var entries []*walkEntry
	var orphans walkEntry
	if err := w.collect(path, fi, &entries, &orphans); err != nil {
		return err
	}
	for _, e := range entries {
		if e.err == nil {
			e.aliases, e.more = append(e.aliases, orphans.aliases...), e.more+orphans.more
			break
		}
	}
	for _, e := range entries {
		if e.err != nil {
			err = w.fail(e.path, e.err)
		} else {
			err = w.file(e.path, nil, true, e.notes())
		}
		if err != nil {
			return err
		}
	}
	// A directory that gave nothing is not a pass: one error item says
	// why.
	switch {
	case w.items > 0:
		return nil
	case orphans.aliases != nil:
		// What it holds was read earlier in this run: nothing is lost,
		// and the note of skipped files says so.
		w.skip(path, "read earlier in this run")
		return nil
	case w.skipped == 0:
		return w.fail(path, reason(ErrNoCertificate, "empty directory: no certificate"))
	}
	return w.fail(path, reason(ErrNoCertificate, "directory: no certificate (%d file%s skipped)", w.skipped, plural(w.skipped)))
}

// collect lists a directory's files in sorted order, following symbolic
// links, into entries. orphans collects the paths that lead to what an
// earlier walk of this run read: the walk's first file takes that note.
func (w *walker) collect(path string, fi os.FileInfo, entries *[]*walkEntry, orphans *walkEntry) error {
	for _, d := range w.dirs {
		if os.SameFile(d.fi, fi) {
			*entries = append(*entries, &walkEntry{path: path, err: reason(ErrLoop, "directory loop: links back to %s", d.path)})
			return nil
		}
	}
	if prev := w.seen.find(fi); prev != nil {
		switch {
		case !prev.current:
			orphans.alias("directory", path+" (walked earlier in this run)")
		case prev.entry != nil:
			prev.entry.alias("directory", path)
		default: // a directory with no file to read: no record to note it on
		}
		return nil
	}
	names, err := readDirNames(path)
	if err != nil {
		*entries = append(*entries, &walkEntry{path: path, err: err})
		return nil
	}
	sort.Strings(names)
	here := w.seen.add(fi, path, true)
	n0 := len(*entries)
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
			*entries = append(*entries, &walkEntry{path: full, err: err})
		case fi.IsDir():
			if err := w.collect(full, fi, entries, orphans); err != nil {
				return err
			}
		case !fi.Mode().IsRegular():
			// Devices, pipes and sockets met in a walk are not inputs.
			w.skip(full, "not a regular file")
		default:
			if fi.Size() == 0 {
				w.skip(full, "empty file")
				continue
			}
			if prev := w.seen.find(fi); prev != nil {
				if prev.current {
					prev.entry.alias("file", full)
				} else {
					orphans.alias("file", full+" (read earlier in this run)")
				}
				continue
			}
			e := &walkEntry{path: full}
			*entries = append(*entries, e)
			w.seen.add(fi, full, true).entry = e
		}
	}
	for _, e := range (*entries)[n0:] {
		if e.err == nil {
			here.entry = e
			break
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

// file reads one file; notes go on its first item. fi is nil for a file a
// walk found (a regular file with content).
func (w *walker) file(path string, fi os.FileInfo, walked bool, notes []string) error {
	f, err := os.Open(path)
	if err != nil {
		return w.fail(path, err)
	}
	defer f.Close()
	var r io.Reader = f
	if fi != nil && !fi.Mode().IsRegular() {
		r = newCancelReader(w.ctx, f) // a pipe or terminal may block
	}
	e := w.emitter(path)
	e.notes = notes
	return w.sr.read(e, r, walked)
}
