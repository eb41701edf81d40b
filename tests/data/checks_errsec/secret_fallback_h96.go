package config

import (
	"cmp"
	"errors"
	"os"
)

type Config struct {
	Addr      string
	JWTSecret string
	Session   string
	Timeout   string
}

func Load() (Config, error) {
	cfg := Config{
		Addr:      cmp.Or(os.Getenv("ADDR"), ":8080"),
		JWTSecret: cmp.Or(os.Getenv("JWT_SECRET"), "dev-secret-change-me"), // expect: GO-SECRET-FALLBACK
		Timeout:   getEnv("HTTP_TIMEOUT", "30s"),
	}
	session := os.Getenv("SESSION_SECRET")
	if session == "" {
		session = "insecure-session-secret" // expect: GO-SECRET-FALLBACK
	}
	cfg.Session = session
	apiKey := os.Getenv("PARTNER_API_KEY")
	if apiKey == "" {
		return Config{}, errors.New("PARTNER_API_KEY is required")
	}
	return cfg, nil
}

func getEnv(name, fallback string) string {
	return cmp.Or(os.Getenv(name), fallback)
}
