// want: GO-SECRET-FALLBACK
package config

import (
	"cmp"
	"os"
)

type Config struct {
	Addr      string
	JWTSecret []byte
}

func Load() Config {
	return Config{
		Addr:      cmp.Or(os.Getenv("ADDR"), ":8080"),
		JWTSecret: []byte(cmp.Or(os.Getenv("JWT_SECRET"), "dev-secret-change-me")),
	}
}
