package corpus

// cnidCases exercise the lints of rules.md section F. CN-ID
var cnidCases = []Case{}
