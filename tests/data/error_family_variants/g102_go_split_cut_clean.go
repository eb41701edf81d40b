// clean: GO-SPLIT-INDEX-UNCHECKED
package auth

import (
	"errors"
	"net/http"
	"strings"
)

var errNoBearer = errors.New("missing bearer token")

func bearer(r *http.Request) (string, error) {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", errNoBearer
	}
	return token, nil
}

func parsePair(s string) (string, string, error) {
	parts := strings.SplitN(s, "=", 2)
	if len(parts) != 2 {
		return "", "", errors.New("expected key=value")
	}
	return parts[0], parts[1], nil
}
