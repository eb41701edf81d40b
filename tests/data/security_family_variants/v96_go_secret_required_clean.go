// clean: GO-SECRET-FALLBACK
package config

import (
	"cmp"
	"errors"
	"os"
)

type Config struct {
	Addr          string
	SessionSecret string
}

func Load() (Config, error) {
	secret := os.Getenv("SESSION_SECRET")
	if secret == "" {
		return Config{}, errors.New("SESSION_SECRET is required")
	}
	return Config{Addr: cmp.Or(os.Getenv("ADDR"), ":8080"), SessionSecret: secret}, nil
}
