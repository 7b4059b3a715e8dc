package corpus

// chainCases exercise the lints of rules.md section I. Chain
var chainCases = []Case{}
