// want: GO-LOOKUP-NOT-CALLER-SCOPED
package httpapi

import (
	"encoding/json"
	"net/http"
	"strconv"

	"example.com/billing/internal/authn"
	"example.com/billing/internal/db"
)

type Server struct{ q *db.Queries }

func (s *Server) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /invoices/{id}", s.getInvoice)
	mux.HandleFunc("GET /invoices/{id}/lines", s.invoiceLines)
}

func (s *Server) getInvoice(w http.ResponseWriter, r *http.Request) {
	user := authn.UserFromContext(r.Context())
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	inv, err := s.q.GetInvoiceForAccount(r.Context(), db.GetInvoiceForAccountParams{ID: id, AccountID: user.AccountID})
	if err != nil {
		http.NotFound(w, r)
		return
	}
	json.NewEncoder(w).Encode(inv)
}

func (s *Server) invoiceLines(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	lines, err := s.q.ListInvoiceLines(r.Context(), id)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	json.NewEncoder(w).Encode(lines)
}
