// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package api

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5"

	"example.com/billing/internal/db"
)

func (h *Handlers) GetInvoice(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(chi.URLParam(r, "invoiceID"), 10, 64)
	if err != nil {
		http.Error(w, "bad id", http.StatusBadRequest)
		return
	}
	acct := accountFromContext(r.Context())
	inv, err := h.queries.GetInvoiceForAccount(r.Context(), db.GetInvoiceForAccountParams{
		ID:        id,
		AccountID: acct.ID,
	})
	if errors.Is(err, pgx.ErrNoRows) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	writeJSON(w, inv)
}
