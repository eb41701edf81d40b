package auth

import (
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"

	"go.uber.org/zap"
)

type Config struct {
	APIToken string
	TokenTTL int
}

func Login(w http.ResponseWriter, r *http.Request, logger *zap.Logger, cfg Config) {
	user := r.FormValue("user")
	password := r.FormValue("password")
	log.Printf("login attempt for %s with %s", user, password) // expect: GO-SECRET-IN-LOG
	log.Printf("password length %d", len(password))
	logger.Info("issued", zap.String("token", cfg.APIToken)) // expect: GO-SECRET-IN-LOG
	slog.Info("auth header", "value", r.Header.Get("Authorization")) // expect: GO-SECRET-IN-LOG
	if password == "" {
		log.Println("empty password given:", password == "")
	}
	fmt.Println("token:", // expect: GO-SECRET-IN-LOG
		cfg.APIToken)
	log.Printf("token ttl %d", cfg.TokenTTL)
	zap.L().Info("issued", zap.String("token", cfg.APIToken)) // expect: GO-SECRET-IN-LOG
	fmt.Fprintf(os.Stderr, "login with %s\n", password) // expect: GO-SECRET-IN-LOG
	fmt.Fprintf(w, "token ttl %d\n", cfg.TokenTTL)
	logger.Sugar().Debugf("key %s", maskKey(cfg.APIToken))
	slog.Info("user agent", "value", r.Header.Get("User-Agent"))
	w.WriteHeader(http.StatusNoContent)
}

func maskKey(key string) string {
	if len(key) < 4 {
		return "****"
	}
	return "****" + key[len(key)-4:]
}
