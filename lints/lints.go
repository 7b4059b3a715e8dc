// Package lints registers every xmpplint lint into zlint's global registry.
//
//	import _ "github.com/xmpplint/xmpplint/lints"
//
// After that import, lint.GlobalRegistry() holds the xmpplint lints next to
// whatever else the program registered; a program that also imports zlint's
// root package runs them with zlint.LintCertificate. The xmpp, webpki and
// strict profiles are registered with lint.RegisterProfile.
//
// Each topic package holds the lints of one section of the rule catalogue;
// lints/xmpp holds what they share.
package lints

import (
	"github.com/xmpplint/xmpplint/lints/xmpp"

	// Topic packages: importing them registers their lints.
	_ "github.com/xmpplint/xmpplint/lints/chain"
	_ "github.com/xmpplint/xmpplint/lints/cnid"
	_ "github.com/xmpplint/xmpplint/lints/consistency"
	_ "github.com/xmpplint/xmpplint/lints/dnsid"
	_ "github.com/xmpplint/xmpplint/lints/domain"
	_ "github.com/xmpplint/xmpplint/lints/eku"
	_ "github.com/xmpplint/xmpplint/lints/profile"
	_ "github.com/xmpplint/xmpplint/lints/srvid"
	_ "github.com/xmpplint/xmpplint/lints/webpki"
	_ "github.com/xmpplint/xmpplint/lints/xmppaddr"
)

// TopicPackages lists the import paths of the topic packages, for the guard
// test that checks each one is imported above.
var TopicPackages = []string{
	"github.com/xmpplint/xmpplint/lints/eku",
	"github.com/xmpplint/xmpplint/lints/profile",
	"github.com/xmpplint/xmpplint/lints/srvid",
	"github.com/xmpplint/xmpplint/lints/xmppaddr",
	"github.com/xmpplint/xmpplint/lints/dnsid",
	"github.com/xmpplint/xmpplint/lints/cnid",
	"github.com/xmpplint/xmpplint/lints/consistency",
	"github.com/xmpplint/xmpplint/lints/webpki",
	"github.com/xmpplint/xmpplint/lints/chain",
	"github.com/xmpplint/xmpplint/lints/domain",
}

func init() {
	xmpp.RegisterProfiles()
}
