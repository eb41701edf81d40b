// want: GO-ERR-UNCHECKED
package notify

import (
	"context"
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
	go h.mailer.SendWelcome(context.Background(), user.Email)
	w.WriteHeader(http.StatusCreated)
}
