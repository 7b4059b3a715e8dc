package main

import (
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// configFile is a --config file: a zlint TOML configuration. Its [Global]
// table's xmpp_ keys set xmpplint's options (the same keys a zlint-based
// pipeline uses), the table of an xmpplint lint sets the options of that
// lint (and wins for it, as through the library); the whole file is
// zlint's configuration for --with-zlint.
type configFile struct {
	options     xmpp.Options
	lintOptions map[string]xmpp.Options
	zlint       lint.Configuration
}

func loadConfigFile(path string) (configFile, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return configFile{}, fmt.Errorf("--config: %v", err)
	}
	tree, err := toml.LoadBytes(data)
	if err != nil {
		return configFile{}, fmt.Errorf("--config %s: not valid TOML: %v", path, err)
	}
	if err := checkConfigKeys(tree); err != nil {
		return configFile{}, fmt.Errorf("--config %s: %v", path, err)
	}
	var doc struct {
		Global xmpp.GlobalConfig `toml:"Global"`
	}
	if err := tree.Unmarshal(&doc); err != nil {
		return configFile{}, fmt.Errorf("--config %s: %v", path, err)
	}
	global := xmpp.Config{Global: &doc.Global}
	opts, err := global.Options()
	if err != nil {
		return configFile{}, fmt.Errorf("--config %s: [Global]: %v", path, err)
	}
	// A lint's own table: the keys it sets win for that lint over
	// [Global] and the flags, as inside zlint (xmpp.Config.Options); the
	// engine lays them over the options of the run.
	own := map[string]xmpp.Options{}
	for _, name := range tree.Keys() {
		if _, ok := xmpp.Lookup(name); !ok {
			continue
		}
		sub, ok := tree.Get(name).(*toml.Tree)
		if !ok {
			return configFile{}, fmt.Errorf("--config %s: %s: want a table", path, name)
		}
		var cfg xmpp.Config
		if err := sub.Unmarshal(&cfg); err != nil {
			return configFile{}, fmt.Errorf("--config %s: [%s]: %v", path, name, err)
		}
		set := xmpp.Options{Role: xmpp.Role(cfg.Role), Scope: xmpp.Scope(cfg.Scope), Service: cfg.Service}
		if sub.Has("domains") {
			set.Domains = nonNil(cfg.Domains)
		}
		if sub.Has("srv_targets") {
			set.SRVTargets = nonNil(cfg.SRVTargets)
		}
		// Validated alone, so that the error names the table.
		if _, err := cfg.Options(); err != nil {
			return configFile{}, fmt.Errorf("--config %s: [%s]: %v", path, name, err)
		}
		own[name] = set
	}
	z, err := lint.NewConfigFromString(string(data))
	if err != nil {
		return configFile{}, fmt.Errorf("--config %s: %v", path, err)
	}
	return configFile{options: opts, lintOptions: own, zlint: z}, nil
}

// printable is a TOML key as it may be shown: quoted, escaped, when it
// holds anything but printable characters.
func printable(key string) string {
	if q := strconv.Quote(key); q[1:len(q)-1] != key {
		return q
	}
	return key
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// globalKeys are the keys [Global] takes: xmpplint's xmpp_ keys (zlint's
// own Global has none).
func globalKeys() []string { return tomlKeys(reflect.TypeOf(xmpp.GlobalConfig{})) }

// tomlKeys lists the keys a struct decodes: toml tags, else field names.
func tomlKeys(t reflect.Type) []string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if f.Type == reflect.TypeOf(&xmpp.GlobalConfig{}) {
			continue // filled from [Global]
		}
		keys = append(keys, name)
	}
	return keys
}

// configTables returns the tables a configuration may hold and the keys
// each takes: [Global], the tables of zlint's higher-scoped configurations
// (as its -exampleConfig lists them), and one per configurable lint,
// xmpplint's and zlint's.
func configTables() map[string][]string {
	tables := map[string][]string{"Global": globalKeys()}
	// zlint's example configuration names every table it reads.
	if example, err := lint.GlobalRegistry().DefaultConfiguration(); err == nil {
		if tree, err := toml.LoadBytes(example); err == nil {
			for _, name := range tree.Keys() {
				var keys []string
				if sub, ok := tree.Get(name).(*toml.Tree); ok {
					keys = sub.Keys()
				}
				tables[name] = keys
			}
		}
	}
	// xmpplint's lints read their toml keys (the example writes Go names).
	ours := tomlKeys(reflect.TypeOf(xmpp.Config{}))
	for _, info := range xmpp.All() {
		tables[info.Name] = ours
	}
	return tables
}

// checkConfigKeys rejects a key or table no lint reads, naming the
// nearest valid one: a misspelt key (xmpp_domain for xmpp_domains) would
// otherwise leave the option unset without a word.
func checkConfigKeys(tree *toml.Tree) error {
	tables := configTables()
	var tableNames []string
	for name := range tables {
		tableNames = append(tableNames, name)
	}
	sort.Strings(tableNames)
	for _, name := range tree.Keys() {
		keys, known := tables[name]
		if !known {
			if _, ok := tree.Get(name).(*toml.Tree); !ok {
				if containsFold(tables["Global"], name) {
					return fmt.Errorf("key %q outside any table: it belongs in [Global]", name)
				}
				hint := ""
				if near := nearest(name, tables["Global"]); near != "" {
					hint = "; did you mean [Global] " + near + "?"
				}
				return fmt.Errorf("key %q outside any table%s", name, hint)
			}
			if lint.GlobalRegistry().CertificateLints().ByName(name) != nil {
				return fmt.Errorf("[%s]: this lint reads no configuration", name)
			}
			return fmt.Errorf("unknown table [%s]: not a lint that reads a configuration%s", printable(name), didYouMean(name, tableNames))
		}
		sub, ok := tree.Get(name).(*toml.Tree)
		if !ok {
			return fmt.Errorf("%q: want a table [%s]", name, printable(name))
		}
		for _, key := range sub.Keys() {
			if !containsFold(keys, key) {
				return fmt.Errorf("[%s]: unknown key %q%s (known: %s)", printable(name), key, didYouMean(key, keys), strings.Join(keys, ", "))
			}
		}
	}
	return nil
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
