// want: GO-DEFER-BEFORE-ERR-CHECK
package loader

import (
	"encoding/json"
	"os"
)

func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	defer f.Close()
	if err != nil {
		return nil, err
	}
	var c Config
	return &c, json.NewDecoder(f).Decode(&c)
}
