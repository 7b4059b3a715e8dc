package server

import (
	"github.com/xmpplint/xmpplint/check"
)

// lintKind lints one decoded input of a kind.
func lintKind(ch *check.Checker, kind inputKind, input string, der []byte) check.Record {
	switch kind {
	case kindTBS:
		return ch.CheckTBS(input, der)
	case kindCSR:
		return ch.CheckCSR(input, der)
	}
	return ch.CheckOne(check.Cert{Input: input, DER: der, Kind: check.KindCertificate})
}
