// clean: GO-SECRET-FALLBACK
package config

import (
	"errors"
	"fmt"
	"os"
	"time"
)

type Config struct {
	DatabaseURL  string
	JWTSecret    []byte
	ReadTimeout  time.Duration
	ListenAddr   string
}

func Load() (Config, error) {
	var errs []error
	cfg := Config{ListenAddr: ":8080", ReadTimeout: 10 * time.Second}
	if v := os.Getenv("LISTEN_ADDR"); v != "" {
		cfg.ListenAddr = v
	}
	cfg.DatabaseURL = os.Getenv("DATABASE_URL")
	if cfg.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required"))
	}
	secret := os.Getenv("JWT_SECRET")
	if len(secret) < 32 {
		errs = append(errs, fmt.Errorf("JWT_SECRET must be at least 32 bytes, got %d", len(secret)))
	}
	cfg.JWTSecret = []byte(secret)
	return cfg, errors.Join(errs...)
}
