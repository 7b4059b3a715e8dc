package check

import (
	"encoding/json"
	"sort"

	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/internal/jsonw"
)

// Results are a record's lint results, one per lint, sorted by lint name.
// In JSON they are an object from lint name to result, as zlint writes
// its results.
type Results []NamedResult

// NamedResult is one lint's result.
type NamedResult struct {
	Name string
	Result
}

// Get returns the result of the named lint, and whether there is one.
func (rs Results) Get(name string) (Result, bool) {
	i := sort.Search(len(rs), func(i int) bool { return rs[i].Name >= name })
	if i < len(rs) && rs[i].Name == name {
		return rs[i].Result, true
	}
	return Result{}, false
}

// Worst returns the highest status among the results (lint.Reserved when
// there are none).
func (rs Results) Worst() lint.LintStatus {
	worst := lint.Reserved
	for i := range rs {
		if rs[i].Status > worst {
			worst = rs[i].Status
		}
	}
	return worst
}

// MarshalJSON writes the results as an object from lint name to result.
func (rs Results) MarshalJSON() ([]byte, error) {
	if rs == nil {
		return []byte("null"), nil
	}
	return rs.appendJSON(nil, nil), nil
}

// UnmarshalJSON reads the object MarshalJSON writes, in any key order.
func (rs *Results) UnmarshalJSON(b []byte) error {
	var m map[string]Result
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	if m == nil {
		*rs = nil
		return nil
	}
	out := make(Results, 0, len(m))
	for name, r := range m {
		out = append(out, NamedResult{Name: name, Result: r})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	*rs = out
	return nil
}

// merge returns the union of two sorted result lists, sorted; on a name in
// both, a's result is kept.
func merge(a, b Results) Results {
	out := make(Results, 0, len(a)+len(b))
	for len(a) > 0 && len(b) > 0 {
		switch {
		case a[0].Name < b[0].Name:
			out, a = append(out, a[0]), a[1:]
		case b[0].Name < a[0].Name:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	out = append(out, a...)
	return append(out, b...)
}

// statusJSON holds `{"result":"<status>"` for every status zlint defines.
var statusJSON = func() (t [lint.Fatal + 1][]byte) {
	for s := range t {
		t[s] = jsonw.String([]byte(`{"result":`), lint.LintStatus(s).String())
	}
	return t
}()

// encoding holds the JSON of the results a checker's lints can give
// without details, `"name":{"result":"status"}` for each lint and status,
// so that writing a record's results is mostly copying bytes.
type encoding struct {
	names   []string
	entries [][lint.Fatal + 1][]byte
}

func newEncoding(names []string) *encoding {
	e := &encoding{names: names, entries: make([][lint.Fatal + 1][]byte, len(names))}
	for i, n := range names {
		key := jsonw.Key(nil, n, true)
		for s := range e.entries[i] {
			e.entries[i][s] = append(append(append([]byte(nil), key...), statusJSON[s]...), '}')
		}
	}
	return e
}

// appendJSON appends the results as a JSON object; enc, when not nil,
// holds the pre-encoded results of the lints the results came from.
func (rs Results) appendJSON(b []byte, enc *encoding) []byte {
	b = append(b, '{')
	for i := range rs {
		r := &rs[i]
		if i > 0 {
			b = append(b, ',')
		}
		known := r.Status >= 0 && int(r.Status) < len(statusJSON)
		if enc != nil && known && r.Details == "" && i < len(enc.names) && r.Name == enc.names[i] {
			b = append(b, enc.entries[i][r.Status]...)
			continue
		}
		b = jsonw.Key(b, r.Name, true)
		if known {
			b = append(b, statusJSON[r.Status]...)
		} else {
			b = append(b, `{"result":`...)
			b = jsonw.String(b, r.Status.String())
		}
		if r.Details != "" {
			b = jsonw.Key(b, "details", false)
			b = jsonw.String(b, r.Details)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}
