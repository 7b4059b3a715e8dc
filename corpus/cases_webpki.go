package corpus

// webpkiCases exercise the lints of rules.md section H. Web PKI
var webpkiCases = []Case{}
