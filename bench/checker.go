package bench

import (
	"github.com/xmpplint/xmpplint/check"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// AllLints is the name of every registered xmpplint lint, whatever its
// profile. Import github.com/xmpplint/xmpplint/lints first.
func AllLints() []string {
	var names []string
	for _, info := range xmpp.All() {
		names = append(names, info.Name)
	}
	return names
}

// NewChecker returns the checker the audit benchmark measures: every
// xmpplint lint (all profiles), default options, federation verdicts.
func NewChecker() (*check.Checker, error) {
	return check.New(check.Config{IncludeNames: AllLints(), Federation: true})
}
