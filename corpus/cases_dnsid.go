package corpus

// dnsidCases exercise the lints of rules.md section E. DNS-ID
var dnsidCases = []Case{}
