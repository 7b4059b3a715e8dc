package check_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"

	"github.com/zmap/zcrypto/encoding/asn1"
	"github.com/zmap/zcrypto/x509"
	"github.com/zmap/zcrypto/x509/pkix"

	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestDNStringCorpus: dnString gives zcrypto's string for the subject and
// issuer of every corpus and real certificate.
func TestDNStringCorpus(t *testing.T) {
	n := 0
	for _, der := range allDERs(t) {
		c, err := x509.ParseCertificate(der)
		if err != nil {
			continue
		}
		for _, name := range []*pkix.Name{&c.Subject, &c.Issuer} {
			n++
			if got, want := check.DNString(name), name.String(); got != want {
				t.Errorf("dnString = %q, zcrypto %q", got, want)
			}
		}
	}
	if n < 400 {
		t.Fatalf("only %d names compared", n)
	}
}

// FuzzDNString: dnString gives zcrypto's string for names made of any
// attribute types (common, unknown, malformed OIDs), string and other
// values, several attributes per RDN.
func FuzzDNString(f *testing.F) {
	f.Add([]byte("\x03example.org\x0a\x00Example, Inc.\x06\x01US"))
	f.Add([]byte("\x03 lead and trail \x03#hash\x03a+b<c>d;e\"f\\g\x03\xff\xfe bad utf-8"))
	f.Add([]byte{0x80, 1, 2, 0x41, 'x', 0xc1, 0x03, 'y'})
	f.Add(bytes.Repeat([]byte{0x80, 1, 'z', 0x0a, 1, 'w'}, 40)) // 80 attributes: cut at 64
	types := []asn1.ObjectIdentifier{
		{2, 5, 4, 3}, {2, 5, 4, 6}, {2, 5, 4, 10}, {2, 5, 4, 11}, {2, 5, 4, 5}, {2, 5, 4, 97}, {2, 5, 4, 127},
		{1, 2, 840, 113549, 1, 9, 1}, {0, 9, 2342, 19200300, 100, 1, 25}, {1, 3, 6, 1, 4, 1, 311, 60, 2, 1, 3},
		{1, 2, 3, 4}, {2, 5, 4}, {2, 5, 4, 3, 1}, {}, {2, 5, 4, -1},
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		// Each attribute: a control byte (type index, new-RDN and
		// non-string flags), a length byte, the value.
		var rdns pkix.RDNSequence
		for len(data) >= 2 {
			ctl, l := data[0], int(data[1])
			data = data[2:]
			if l > len(data) {
				l = len(data)
			}
			val := string(data[:l])
			data = data[l:]
			atv := pkix.AttributeTypeAndValue{Type: types[int(ctl&0x3f)%len(types)], Value: val}
			if ctl&0x40 != 0 {
				atv.Value = []byte(val)
			}
			if ctl&0x80 != 0 || len(rdns) == 0 {
				rdns = append(rdns, pkix.RelativeDistinguishedNameSET{atv})
			} else {
				rdns[len(rdns)-1] = append(rdns[len(rdns)-1], atv)
			}
		}
		name := pkix.Name{OriginalRDNS: rdns}
		total := 0
		for _, rdn := range name.ToRDNSequence() {
			total += len(rdn)
		}
		got, want := check.DNString(&name), name.String()
		if total > xmpp.MaxDNAttributes {
			// Cut: the start of zcrypto's form, then the count.
			tail := " [" + strconv.Itoa(total-xmpp.MaxDNAttributes) + " more attributes, " + strconv.Itoa(total) + " in all]"
			head, ok := strings.CutSuffix(got, tail)
			if !ok || !strings.HasPrefix(want, head) {
				t.Fatalf("dnString = %q, want the start of zcrypto's %q and %q", got, want, tail)
			}
			return
		}
		if got != want {
			t.Fatalf("dnString = %q, zcrypto %q", got, want)
		}
	})
}
