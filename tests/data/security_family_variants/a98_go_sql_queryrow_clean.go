// clean: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/statements.go
package api

import (
	"database/sql"
	"encoding/json"
	"errors"
	"net/http"

	"example.com/bank/internal/auth"
)

func (h *Handler) GetStatement(w http.ResponseWriter, r *http.Request) {
	user := auth.UserFrom(r.Context())
	if user == nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	id := r.PathValue("id")
	var st Statement
	err := h.db.QueryRowContext(r.Context(),
		`SELECT s.id, s.account_id, s.period, s.pdf_key FROM statements s
		   JOIN accounts a ON a.id = s.account_id
		  WHERE s.id = $1 AND a.owner_id = $2`, id, user.ID,
	).Scan(&st.ID, &st.AccountID, &st.Period, &st.PDFKey)
	if errors.Is(err, sql.ErrNoRows) {
		http.NotFound(w, r)
		return
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(st)
}
