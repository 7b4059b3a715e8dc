package docs_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/xmpplint/xmpplint/docs"
	_ "github.com/xmpplint/xmpplint/lints"
	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// TestReferenceUpToDate fails when docs/lints.md differs from what the lint
// metadata and the corpus give: run go generate ./docs.
func TestReferenceUpToDate(t *testing.T) {
	got, err := os.ReadFile("lints.md")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, docs.Reference()) {
		t.Error("docs/lints.md is stale: run go generate ./docs")
	}
}

func TestEveryLintDocumented(t *testing.T) {
	ref := string(docs.Reference())
	topics := map[string]bool{}
	for _, tp := range docs.Topics {
		topics[tp.Package] = true
	}
	for _, info := range xmpp.All() {
		if !strings.Contains(ref, "### "+info.Name+"\n") {
			t.Errorf("%s missing from the reference", info.Name)
		}
		if !topics[docs.Topic(info)] {
			t.Errorf("%s: topic package %q has no section in docs.Topics", info.Name, docs.Topic(info))
		}
		text, ok := docs.Explain(info.Name)
		if !ok || !strings.Contains(text, info.Citation) {
			t.Errorf("%s: explain text lacks the citation", info.Name)
		}
	}
	if _, ok := docs.Explain("e_xmpp_no_such_lint"); ok {
		t.Error("Explain accepted an unknown name")
	}
}
