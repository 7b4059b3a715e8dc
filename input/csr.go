package input

// Certificate requests (PKCS#10 CSRs) are not read as certificates: each
// one, in PEM or DER, is an error item that names it. This file is the one
// place that decides so; making CSRs lintable replaces it.

// csrLabels are the PEM labels of a request (RFC 7468 and the older
// Netscape spelling).
var csrLabels = []string{"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST"}

func isCSRLabel(typ []byte) bool {
	for _, l := range csrLabels {
		if string(typ) == l {
			return true
		}
	}
	return false
}

// csr yields the item of a request found at line (PEM) or offset (DER, -1
// otherwise).
func (e *emitter) csr(line int, offset int64) error {
	return e.fail(line, offset, reason(ErrNotCertificate, "CERTIFICATE REQUEST: a CSR, not a certificate"))
}
