package xmpp

import (
	"strconv"

	"github.com/zmap/zcrypto/x509/pkix"
)

// MaxDNAttributes is how many attributes of a distinguished name DNString
// writes. zcrypto's Name.String builds its result by concatenation, so a
// name of tens of thousands of attributes (a hostile subject of a megabyte)
// would cost time quadratic in its size, and make a record line of that
// size; real names have a handful.
const MaxDNAttributes = 64

// DNString is zcrypto's form of n (Name.String) when it has at most
// MaxDNAttributes attributes; otherwise the first MaxDNAttributes of them,
// in the same order and form, then " [N more attributes, M in all]".
func DNString(n *pkix.Name) string {
	rdns := n.ToRDNSequence()
	total := 0
	for _, rdn := range rdns {
		total += len(rdn)
	}
	if total <= MaxDNAttributes {
		return n.String()
	}
	return BoundedRDNs(rdns, total)
}

// BoundedRDNs writes the first MaxDNAttributes attributes of rdns (total
// of them in all) as zcrypto's RDNSequence.String would write them, and
// says how many were left out.
func BoundedRDNs(rdns pkix.RDNSequence, total int) string {
	// String writes the RDNs last first (first first under
	// pkix.LegacyNameString): keep those it would write first.
	var kept pkix.RDNSequence
	left := MaxDNAttributes
	for i := range rdns {
		idx := len(rdns) - 1 - i
		if pkix.LegacyNameString {
			idx = i
		}
		rdn := rdns[idx]
		if len(rdn) > left {
			rdn = rdn[:left]
		}
		left -= len(rdn)
		kept = append(kept, rdn)
		if left == 0 {
			break
		}
	}
	if !pkix.LegacyNameString {
		for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
			kept[i], kept[j] = kept[j], kept[i]
		}
	}
	return kept.String() + " [" + strconv.Itoa(total-MaxDNAttributes) + " more attributes, " + strconv.Itoa(total) + " in all]"
}
