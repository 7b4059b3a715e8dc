package corpus

// xmppaddrCases exercise the lints of rules.md section D. XmppAddr
var xmppaddrCases = []Case{}
