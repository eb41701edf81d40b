// want: GO-ROUTE-NO-AUTH
// path: internal/http/router.go
package http

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (a *API) Routes() http.Handler {
	r := chi.NewRouter()
	r.Use(a.authenticate)

	r.Get("/invoices", a.listInvoices)
	r.With(a.requireRole("billing")).Post("/invoices", a.createInvoice)
	r.With(a.requireRole("billing")).Post("/invoices/{id}/send", a.sendInvoice)
	r.Post("/invoices/{id}/refund", a.refundInvoice)
	return r
}
