package input_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/zmap/zcrypto/x509"

	"github.com/xmpplint/xmpplint/input"
)

// Reading standard input: base64 lines, one of them broken.
func ExampleRead() {
	stdin := strings.NewReader("# two records\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\nnot base64!\n")
	err := input.Read(context.Background(), nil, stdin, input.Options{}, func(it input.Item) error {
		if it.Err != nil {
			fmt.Println(it.Input, "error:", it.Err)
			return nil
		}
		fmt.Println(it.Input, "line", it.Line, len(it.DER), "bytes")
		return nil
	})
	fmt.Println("done:", err)
	// Output:
	// -#0 error: -:2: truncated base64 DER: 33 of 294 bytes before line 3
	// -#1 error: -:3: bad base64 at character 4
	// done: <nil>
}

// Grouping the certificates of a fullchain.pem as they are read.
func ExampleGrouper() {
	g := input.NewGrouper(func(grp input.Group) error {
		fmt.Printf("%s: leaf=%v, chain of %d\n", grp.Head.Item.Input, grp.Leaf, len(grp.Chain))
		return nil
	})
	paths := []string{"fullchain.pem"}
	err := input.Read(context.Background(), paths, nil, input.Options{}, func(it input.Item) error {
		var c *x509.Certificate
		if it.Err == nil {
			c, _ = x509.ParseCertificate(it.DER) // nil when it does not parse
		}
		return g.Add(it, c)
	})
	if err == nil {
		err = g.Flush()
	}
	fmt.Println(err)
}
