package main

import (
	"fmt"
	"os"

	"github.com/pelletier/go-toml"
	"github.com/zmap/zlint/v3/lint"

	"github.com/xmpplint/xmpplint/lints/xmpp"
)

// configFile is a --config file: a zlint TOML configuration. Its [Global]
// table's xmpp_ keys set xmpplint's options (the same keys a zlint-based
// pipeline uses); the whole file is zlint's configuration for --with-zlint.
type configFile struct {
	options xmpp.Options
	zlint   lint.Configuration
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
	var doc struct {
		Global xmpp.GlobalConfig `toml:"Global"`
	}
	if err := tree.Unmarshal(&doc); err != nil {
		return configFile{}, fmt.Errorf("--config %s: %v", path, err)
	}
	cfg := xmpp.Config{Global: &doc.Global}
	opts, err := cfg.Options()
	if err != nil {
		return configFile{}, fmt.Errorf("--config %s: [Global]: %v", path, err)
	}
	z, err := lint.NewConfigFromString(string(data))
	if err != nil {
		return configFile{}, fmt.Errorf("--config %s: %v", path, err)
	}
	return configFile{options: opts, zlint: z}, nil
}
