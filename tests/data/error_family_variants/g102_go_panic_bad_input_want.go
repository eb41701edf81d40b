// want: GO-PANIC-ON-ERROR
package handlers

import (
	"net/http"
	"strconv"
)

func (h *Handler) Page(w http.ResponseWriter, r *http.Request) {
	page, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil {
		panic(err)
	}
	items, err := h.store.Page(r.Context(), page)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	h.render(w, items)
}
