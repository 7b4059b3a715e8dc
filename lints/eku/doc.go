// Package eku holds the lints of rules.md section A, Extended Key Usage of the leaf.
package eku
