package corpus

// profileCases exercise the lints of rules.md section B. Key usage and general profile
var profileCases = []Case{}
