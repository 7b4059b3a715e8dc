package xmpp

import "strings"

// NameIndex answers, for many reference domains, whether some presented
// name covers one: each question costs a map look-up instead of a pass over
// every name, so that lints asking it once per name stay linear in the
// number of names (a hostile certificate holds tens of thousands).
type NameIndex struct {
	exact map[string]struct{} // non-wildcard names, trimmed, ASCII lower-case
	wild  map[string]struct{} // P of each valid "*.P" name, ASCII lower-case
	lower map[string]struct{} // every name trimmed and strings.ToLower'd
}

// NewNameIndex indexes presented names (as written in a certificate).
func NewNameIndex(names []string) *NameIndex {
	ix := &NameIndex{
		exact: make(map[string]struct{}, len(names)),
		wild:  map[string]struct{}{},
		lower: make(map[string]struct{}, len(names)),
	}
	for _, n := range names {
		ix.Add(n)
	}
	return ix
}

// Add indexes one more presented name.
func (ix *NameIndex) Add(presented string) {
	p := strings.TrimSuffix(presented, ".")
	ix.lower[strings.ToLower(p)] = struct{}{}
	switch {
	case p == "":
	case strings.HasPrefix(p, "*."):
		if WildcardProblem(p) == "" {
			ix.wild[lowerASCII(p[2:])] = struct{}{}
		}
	default:
		ix.exact[lowerASCII(p)] = struct{}{}
	}
}

// Match reports whether DNSMatch(p, ref) holds for some indexed name p.
func (ix *NameIndex) Match(ref string) bool {
	r := strings.TrimSuffix(ref, ".")
	if r == "" {
		return false
	}
	if _, ok := ix.exact[lowerASCII(r)]; ok {
		return true
	}
	dot := strings.IndexByte(r, '.')
	if dot <= 0 {
		return false
	}
	_, ok := ix.wild[lowerASCII(r[dot+1:])]
	return ok
}

// HasLower reports whether some indexed name, without one trailing dot and
// lower-cased, equals d.
func (ix *NameIndex) HasLower(d string) bool {
	_, ok := ix.lower[d]
	return ok
}

// lowerASCII maps ASCII capitals to lower case and leaves every other byte:
// the comparison EqualFoldASCII makes, as a map key.
func lowerASCII(s string) string {
	if !HasUpperASCII(s) {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
