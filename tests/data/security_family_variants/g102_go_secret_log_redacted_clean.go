// clean: GO-SECRET-IN-LOG
package startup

import (
	"log/slog"
	"net/url"
)

func logDatabase(logger *slog.Logger, dsn string) {
	u, err := url.Parse(dsn)
	if err != nil {
		logger.Warn("database url unparsable")
		return
	}
	logger.Info("connecting to database", "host", u.Host, "db", u.Path, "user", u.User.Username())
}

func logToken(logger *slog.Logger, tokenID string, expiresIn int) {
	logger.Info("issued api token", slog.String("token_id", tokenID), slog.Int("expires_in", expiresIn))
}
