package corpus

// identityCases exercise the lints of rules.md section J. Identity for a target domain
var identityCases = []Case{}
