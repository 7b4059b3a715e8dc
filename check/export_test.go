package check

// DNString exposes dnString to the external tests, which have the corpus.
var DNString = dnString
