package input

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	zx509 "github.com/zmap/zcrypto/x509"
)

// pki is a small hierarchy for the grouping tests, every certificate
// under a short name.
type pki struct {
	der  map[string][]byte
	name map[string]string // string(DER) to name
}

func newPKI(tb testing.TB) *pki {
	p := &pki{der: map[string][]byte{}, name: map[string]string{}}
	add := func(name string, s spec) {
		der, _, _ := mint(tb, s)
		p.der[name] = der
		p.name[string(der)] = name
	}
	rootDER, root, rootKey := mint(tb, spec{cn: "G Root", ca: true})
	i1DER, i1, i1Key := mint(tb, spec{cn: "G I1", ca: true, parent: root, parentSK: rootKey})
	i2DER, i2, i2Key := mint(tb, spec{cn: "G I2", ca: true, parent: i1, parentSK: i1Key})
	for n, der := range map[string][]byte{"R": rootDER, "I1": i1DER, "I2": i2DER} {
		p.der[n], p.name[string(der)] = der, n
	}
	add("L", spec{cn: "leaf.example", dns: []string{"leaf.example"}, parent: i2, parentSK: i2Key})
	add("L2", spec{cn: "leaf2.example", dns: []string{"leaf2.example"}, parent: i1, parentSK: i1Key})
	// I1x has I1's name but another key: its SKI is not L2's AKI.
	add("I1x", spec{cn: "G I1", keySeed: "I1 other key", ca: true, parent: root, parentSK: rootKey})
	// Prosody-style self-signed certificates: cA=TRUE and an XmppAddr.
	add("P", spec{cn: "example.org", ca: true, xmpp: "example.org", dns: []string{"example.org"}})
	add("P2", spec{cn: "conference.example.org", ca: true, xmpp: "conference.example.org"})
	// A leaf wrongly issued with cA=TRUE: a DNS name, no XMPP identity.
	add("D", spec{cn: "ca-leaf.example", ca: true, dns: []string{"ca-leaf.example"}, parent: i1, parentSK: i1Key})
	// A self-signed certificate with cA=TRUE and no identity: a root.
	add("S", spec{cn: "Some Root", ca: true})
	return p
}

// entry is one item of a grouping test: a certificate by name, "!" for an
// error item, "?" for DER that does not parse, and "/" to start a new
// input.
func (p *pki) run(tb testing.TB, entries string) string {
	tb.Helper()
	var out []string
	var order []string
	g := NewGrouper(func(grp Group) error {
		s := p.label(grp.Head)
		if !grp.Leaf {
			s += "*"
		}
		order = append(order, p.label(grp.Head))
		var chain []string
		for _, m := range grp.Chain {
			chain = append(chain, p.label(m))
			order = append(order, p.label(m))
		}
		if len(chain) > 0 {
			s += "[" + strings.Join(chain, " ") + "]"
		}
		out = append(out, s)
		return nil
	})
	path, index := "a", 0
	var in []string
	for _, e := range strings.Fields(entries) {
		if e == "/" {
			path, index = path+"a", 0
			continue
		}
		it := Item{Path: path, Index: index, Input: inputName(path, index)}
		index++
		var c *zx509.Certificate
		switch e {
		case "!":
			it.Err = errors.New("bad")
		case "?":
			it.DER = []byte{0x30, 0x00}
		default:
			der, ok := p.der[e]
			if !ok {
				tb.Fatalf("no certificate %q", e)
			}
			it.DER = der
			var err error
			if c, err = zx509.ParseCertificate(der); err != nil {
				tb.Fatal(err)
			}
		}
		in = append(in, p.label(Member{Item: it}))
		if err := g.Add(it, c); err != nil {
			tb.Fatal(err)
		}
	}
	if err := g.Flush(); err != nil {
		tb.Fatal(err)
	}
	if fmt.Sprint(order) != fmt.Sprint(in) {
		tb.Errorf("items out %v, in %v: each must come out once, in order", order, in)
	}
	return strings.Join(out, " ")
}

func (p *pki) label(m Member) string {
	switch {
	case m.Item.Err != nil:
		return "!"
	case p.name[string(m.Item.DER)] == "":
		return "?"
	}
	return p.name[string(m.Item.DER)]
}

func TestGrouper(t *testing.T) {
	p := newPKI(t)
	tests := []struct{ name, in, want string }{
		{"fullchain", "L I2 I1", "L[I2 I1]"},
		{"fullchain with root", "L I2 I1 R", "L[I2 I1 R]"},
		{"nothing after a root", "L I2 I1 R R", "L[I2 I1 R] R*"},
		{"two fullchains", "L I2 I1 L2 I1", "L[I2 I1] L2[I1]"},
		{"leaf alone", "L", "L"},
		{"chain gap", "L I1", "L I1*"},
		{"wrong order", "I1 I2 L", "I1* I2* L"},
		{"ca bundle", "I2 I1 R", "I2* I1* R*"},
		{"same name other key", "L2 I1x", "L2 I1x*"},
		{"prosody self-signed first", "P", "P"},
		{"prosody self-signed twice", "P P2", "P P2"},
		{"prosody after a chain", "L I2 I1 P", "L[I2 I1] P"},
		{"ca:true leaf first", "D I1 R", "D[I1 R]"},
		{"ca:true leaf not first", "L2 D I1", "L2 D* I1*"},
		{"self-signed root first", "S", "S*"},
		{"error breaks a chain", "L ! I2", "L !* I2*"},
		{"unparsed breaks a chain", "L ? I2", "L ?* I2*"},
		{"unparsed first", "? D I1", "?* D[I1]"},
		{"new input", "L / I2 I1", "L I2* I1*"},
		{"new input, leaf first", "L I2 / L I2", "L[I2] L[I2]"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := p.run(t, tt.in); got != tt.want {
				t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Without key identifiers, names decide.
func TestGrouperNoKeyIDs(t *testing.T) {
	p := newPKI(t)
	leaf, _ := zx509.ParseCertificate(p.der["L2"])
	ca, _ := zx509.ParseCertificate(p.der["I1x"])
	if certifies(ca, leaf) {
		t.Fatal("I1x certifies L2 despite the key identifiers")
	}
	leaf.AuthorityKeyId = nil
	if !certifies(ca, leaf) {
		t.Error("I1x does not certify L2 once L2 has no authorityKeyIdentifier")
	}
	leaf.AuthorityKeyId, ca.SubjectKeyId = []byte{1}, nil
	if !certifies(ca, leaf) {
		t.Error("I1x does not certify L2 once I1x has no subjectKeyIdentifier")
	}
}

func TestGrouperMaxChain(t *testing.T) {
	// A chain longer than MaxChain: leaf, then CA n-1 ... CA 0.
	const n = MaxChain + 3
	p := &pki{der: map[string][]byte{}, name: map[string]string{}}
	_, parent, parentKey := mint(t, spec{cn: "Deep Root", ca: true})
	names := make([]string, n)
	for i := 0; i < n; i++ {
		names[i] = fmt.Sprintf("C%d", i)
		var der []byte
		der, parent, parentKey = mint(t, spec{cn: names[i], ca: true, parent: parent, parentSK: parentKey})
		p.der[names[i]], p.name[string(der)] = der, names[i]
	}
	der, _, _ := mint(t, spec{cn: "deep.example", parent: parent, parentSK: parentKey})
	p.der["L"], p.name[string(der)] = der, "L"
	in := []string{"L"}
	for i := n - 1; i >= 0; i-- {
		in = append(in, names[i])
	}
	want := "L[" + strings.Join(in[1:MaxChain+1], " ") + "] " + strings.Join(in[MaxChain+1:], "* ") + "*"
	if got := p.run(t, strings.Join(in, " ")); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestGrouperEmitError(t *testing.T) {
	p := newPKI(t)
	g := NewGrouper(func(Group) error { return errStop })
	c, _ := zx509.ParseCertificate(p.der["I1"])
	if err := g.Add(Item{Path: "a", DER: p.der["I1"]}, c); err != errStop {
		t.Errorf("Add: %v, want the emit error", err)
	}
}

// Read and Grouper together, on a fullchain followed by a CA bundle.
func TestReadAndGroup(t *testing.T) {
	p := newPKI(t)
	var b strings.Builder
	for _, n := range []string{"L", "I2", "I1", "I2", "I1"} {
		b.WriteString(certPEM(p.der[n]))
	}
	var groups []string
	g := NewGrouper(func(grp Group) error {
		s := grp.Head.Item.Input
		for _, m := range grp.Chain {
			s += "+" + fmt.Sprint(m.Item.Index)
		}
		groups = append(groups, s)
		return nil
	})
	err := ReadFrom(context.Background(), "fullchain.pem", strings.NewReader(b.String()), Options{}, func(it Item) error {
		c, err := zx509.ParseCertificate(it.DER)
		if err != nil {
			return err
		}
		return g.Add(it, c)
	})
	if err == nil {
		err = g.Flush()
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(groups, " "); got != "fullchain.pem#0+1+2 fullchain.pem#3 fullchain.pem#4" {
		t.Errorf("groups %q", got)
	}
}
