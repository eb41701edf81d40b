// want: GO-EXIT-IN-HANDLER
package handlers

import (
	"encoding/json"
	"log"
	"net/http"
)

func (h *Handler) CreateWidget(w http.ResponseWriter, r *http.Request) {
	var in WidgetInput
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	wd, err := h.store.CreateWidget(r.Context(), in)
	if err != nil {
		log.Fatalf("create widget: %v", err)
	}
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(wd)
}
