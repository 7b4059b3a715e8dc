package corpus

// srvidCases exercise the lints of rules.md section C. SRV-ID (SRVName)
var srvidCases = []Case{}
