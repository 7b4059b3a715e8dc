package corpus

// ekuCases exercise the lints of rules.md section A. Extended Key Usage, leaf
var ekuCases = []Case{}
