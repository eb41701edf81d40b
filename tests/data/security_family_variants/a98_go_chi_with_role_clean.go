// clean: GO-ROUTE-NO-AUTH
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
	r.Route("/invoices", func(r chi.Router) {
		r.Use(a.requireRole("billing"))
		r.Post("/", a.createInvoice)
		r.Post("/{id}/send", a.sendInvoice)
		r.Post("/{id}/refund", a.refundInvoice)
	})
	return r
}
