package api

import (
	"errors"
	"net/http"
)

func (h *Handler) Get(w http.ResponseWriter, r *http.Request) {
	item, err := h.store.Find(r.Context(), r.PathValue("id"))
	if errors.Is(err, ErrNotFound) {
		http.Error(w, "no such item", http.StatusInternalServerError) // expect: ANY-500-FOR-CLIENT-ERROR
		return
	}
	if err != nil {
		http.Error(w, "lookup failed", http.StatusInternalServerError)
		return
	}
	writeJSON(w, item)
}
