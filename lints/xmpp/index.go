package xmpp

import "strings"

// NameIndex answers, for many reference domains, whether some presented
// name covers one: each question costs a map look-up instead of a pass over
// every name, so that lints asking it once per name stay linear in the
// number of names (a hostile certificate holds tens of thousands).
type NameIndex struct {
	// few holds the names while they are few: a pass over them costs less
	// than building maps, which most certificates never need.
	few   []string
	exact map[string]struct{} // non-wildcard names, trimmed, ASCII lower-case
	wild  map[string]string   // P of each valid "*.P" name, ASCII lower-case, to the first such name
	lower map[string]struct{} // every name trimmed and strings.ToLower'd
	// star is a presented "*." (a wildcard as written, the name "*" once
	// its dot goes), for Wildcard.
	star string
}

// fewNames is how many names an index answers for by a pass over them.
const fewNames = 16

// NewNameIndex indexes presented names (as written in a certificate).
func NewNameIndex(names []string) *NameIndex {
	if len(names) <= fewNames {
		return &NameIndex{few: names}
	}
	ix := &NameIndex{
		exact: make(map[string]struct{}, len(names)),
		wild:  map[string]string{},
		lower: make(map[string]struct{}, len(names)),
	}
	for _, n := range names {
		ix.add(n)
	}
	return ix
}

func (ix *NameIndex) add(presented string) {
	p := strings.TrimSuffix(presented, ".")
	ix.lower[strings.ToLower(p)] = struct{}{}
	if presented == "*." && ix.star == "" {
		ix.star = presented
	}
	switch {
	case p == "":
	case strings.HasPrefix(p, "*."):
		if WildcardProblem(p) == "" {
			if k := lowerASCII(p[2:]); ix.wild[k] == "" {
				ix.wild[k] = presented
			}
		}
	default:
		ix.exact[lowerASCII(p)] = struct{}{}
	}
}

// Match reports whether DNSMatch(p, ref) holds for some indexed name p.
func (ix *NameIndex) Match(ref string) bool {
	if ix.exact == nil {
		for _, p := range ix.few {
			if DNSMatch(p, ref) {
				return true
			}
		}
		return false
	}
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

// Wildcard returns the first indexed wildcard name ("*.P") that matches
// ref under DNSMatch, or "".
func (ix *NameIndex) Wildcard(ref string) string {
	if ix.exact == nil {
		for _, p := range ix.few {
			if strings.HasPrefix(p, "*.") && DNSMatch(p, ref) {
				return p
			}
		}
		return ""
	}
	r := strings.TrimSuffix(ref, ".")
	if r == "*" {
		return ix.star // DNSMatch("*.", "*") holds: the name "*"
	}
	dot := strings.IndexByte(r, '.')
	if r == "" || dot <= 0 {
		return ""
	}
	return ix.wild[lowerASCII(r[dot+1:])]
}

// HasLower reports whether some indexed name, without one trailing dot and
// lower-cased, equals d.
func (ix *NameIndex) HasLower(d string) bool {
	if ix.lower == nil {
		for _, p := range ix.few {
			if strings.ToLower(strings.TrimSuffix(p, ".")) == d {
				return true
			}
		}
		return false
	}
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
