// clean: GO-ERR-UNCHECKED (the goroutine reads and logs the error)
package notify

import (
	"context"
	"log/slog"
	"net/http"
)

type Handler struct {
	mailer *Mailer
	store  *Store
}

func (h *Handler) Signup(w http.ResponseWriter, r *http.Request) {
	user, err := h.store.CreateUser(r.Context(), r.FormValue("email"))
	if err != nil {
		http.Error(w, "could not sign up", http.StatusInternalServerError)
		return
	}
	go func() {
		if err := h.mailer.SendWelcome(context.Background(), user.Email); err != nil {
			slog.Error("welcome mail failed", "user", user.ID, "err", err)
		}
	}()
	w.WriteHeader(http.StatusCreated)
}
