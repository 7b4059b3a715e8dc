package corpus

// consistencyCases exercise the lints of rules.md section G. Consistency between identities
var consistencyCases = []Case{}
