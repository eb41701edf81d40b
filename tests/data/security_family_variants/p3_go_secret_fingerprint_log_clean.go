// clean: GO-SECRET-IN-LOG
package config

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"os"
)

func SigningKey() ([]byte, error) {
	key := os.Getenv("WEBHOOK_SIGNING_KEY")
	if key == "" {
		return nil, fmt.Errorf("WEBHOOK_SIGNING_KEY is required")
	}
	sum := sha256.Sum256([]byte(key))
	slog.Info("signing key loaded", "len", len(key), "sha256", hex.EncodeToString(sum[:6]))
	return []byte(key), nil
}
