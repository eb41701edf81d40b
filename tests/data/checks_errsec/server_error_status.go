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

func (h *Handler) Queue(w http.ResponseWriter, r *http.Request) {
	queue, err := h.store.Queue(r.Context())
	if err != nil && !errors.Is(err, ErrNotFound) {
		http.Error(w, "queue lookup failed", http.StatusInternalServerError)
		return
	}
	if err := h.store.Save(r.Context(), queue); err != nil {
		if errors.Is(err, ErrDuplicate) {
			http.Error(w, "already queued", http.StatusConflict)
		} else {
			http.Error(w, "save failed", http.StatusInternalServerError)
		}
		return
	}
	to, exists := h.query(r, "to")
	if !exists {
		http.Error(w, "missing required to value", http.StatusInternalServerError) // expect: ANY-500-FOR-CLIENT-ERROR
		return
	}
	writeJSON(w, to)
}
