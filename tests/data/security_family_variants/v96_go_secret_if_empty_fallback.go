// want: GO-SECRET-FALLBACK
package config

import "os"

type Config struct {
	Addr          string
	SessionSecret string
}

func Load() Config {
	secret := os.Getenv("SESSION_SECRET")
	if secret == "" {
		secret = "insecure-session-secret"
	}
	addr := os.Getenv("ADDR")
	if addr == "" {
		addr = ":8080"
	}
	return Config{Addr: addr, SessionSecret: secret}
}
