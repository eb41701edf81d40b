// clean: GO-ERR-UNCHECKED (the background send's error is logged)
package signup

func (h *Handler) Register(w http.ResponseWriter, r *http.Request) {
	var req RegisterRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	user, err := h.users.Create(r.Context(), req.Email)
	if err != nil {
		http.Error(w, "could not register", http.StatusInternalServerError)
		return
	}
	go func() {
		if err := h.mailer.SendWelcome(context.Background(), user.Email); err != nil {
			h.log.Error("welcome email", "user", user.ID, "err", err)
		}
	}()
	w.WriteHeader(http.StatusCreated)
}
