// clean: GO-ERROR-LEAK
package api

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
)

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (a *API) writeError(w http.ResponseWriter, r *http.Request, err error) {
	status, body := http.StatusInternalServerError, apiError{Code: "internal", Message: "internal error"}
	var verr *ValidationError
	switch {
	case errors.As(err, &verr):
		status, body = http.StatusUnprocessableEntity, apiError{Code: "invalid", Message: verr.Field + " is invalid"}
	case errors.Is(err, ErrNotFound):
		status, body = http.StatusNotFound, apiError{Code: "not_found", Message: "not found"}
	case errors.Is(err, ErrConflict):
		status, body = http.StatusConflict, apiError{Code: "conflict", Message: "already exists"}
	default:
		slog.ErrorContext(r.Context(), "request failed", "path", r.URL.Path, "err", err)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
