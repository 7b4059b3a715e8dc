package identity

import "testing"

// FuzzDNSMatch checks that no comparison panics on any input, and that the
// reference domain forms survive a round trip through ParseDomain.
func FuzzDNSMatch(f *testing.F) {
	for _, s := range [][2]string{
		{"*.example.org", "chat.example.org"},
		{"c*.example.org", "chat.example.org"},
		{"*", "example.org"},
		{"*.", "a."},
		{"xn--*.example.org", "xn--bcher-kva.example.org"},
		{"example.org.", "example.org"},
		{"*.localhost", "localhost"},
		{"bücher.example", "bücher.example"},
		{"\x00.example.org", ".example.org"},
		{"-*.a.b", "x.a.b"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, presented, ref string) {
		for _, r := range Verifiers {
			dnsMatch(r.DNS, presented, ref)
			isWildcardMatch(r.DNS, presented)
		}
		if d, err := ParseDomain(ref); err == nil {
			if d.ALabel == "" || d.ULabel == "" {
				t.Errorf("ParseDomain(%q) = %+v without error", ref, d)
			}
			again, err := ParseDomain(d.ALabel)
			if err != nil || again.ALabel != d.ALabel {
				t.Errorf("ParseDomain(%q) = %+v, %v; from %q", d.ALabel, again, err, ref)
			}
			wrongFormDNS(presented, d)
			wildcardParent(presented, d)
		}
	})
}
