// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package handlers

import (
	"errors"
	"net/http"

	"github.com/jackc/pgx/v5"

	"example.com/app/internal/db"
)

func (h *Handler) GetBookmark(w http.ResponseWriter, r *http.Request) {
	user := h.auth.MustUser(r)
	b, err := h.q.GetBookmarkForUser(r.Context(), db.GetBookmarkForUserParams{
		ID:     r.PathValue("id"),
		UserID: user.ID,
	})
	if errors.Is(err, pgx.ErrNoRows) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		h.internal(w, r, err)
		return
	}
	h.json(w, http.StatusOK, b)
}
