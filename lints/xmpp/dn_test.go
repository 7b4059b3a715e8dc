package xmpp_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509/pkix"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestDNString: zcrypto's form for real names; for a name of many
// attributes, the start of that form and a count, in time linear in the
// name's size.
func TestDNString(t *testing.T) {
	t.Parallel()
	name := func(n int) *pkix.Name {
		var rdns pkix.RDNSequence
		for i := 0; i < n; i++ {
			typ := asn1.ObjectIdentifier{2, 5, 4, 3} // CN
			if i%2 == 1 {
				typ = asn1.ObjectIdentifier{1, 3, 6, 1, 4, 1, 99999, 1} // no short name
			}
			rdns = append(rdns, pkix.RelativeDistinguishedNameSET{{Type: typ, Value: "v" + strconv.Itoa(i)}})
		}
		var nm pkix.Name
		nm.FillFromRDNSequence(&rdns)
		return &nm
	}
	for _, n := range []int{1, 3, xmpp.MaxDNAttributes} {
		if got, want := xmpp.DNString(name(n)), name(n).String(); got != want {
			t.Errorf("%d attributes: %q, want zcrypto's %q", n, got, want)
		}
	}
	full := name(200).String()
	got := xmpp.DNString(name(200))
	head, tail, ok := strings.Cut(got, " [")
	if !ok || tail != "136 more attributes, 200 in all]" || !strings.HasPrefix(full, head+", ") {
		t.Errorf("200 attributes: %q\nwant the start of %q", got, full)
	}
	// 40,000 attributes: linear, where zcrypto's String is quadratic.
	big := name(40000)
	if s := xmpp.DNString(big); len(s) > 4096 {
		t.Errorf("40,000 attributes make %d bytes", len(s))
	}
}
