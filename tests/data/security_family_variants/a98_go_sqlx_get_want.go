// want: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/payouts.go
package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/jmoiron/sqlx"

	"example.com/market/internal/session"
)

type Payouts struct{ DB *sqlx.DB }

func (p *Payouts) Show(w http.ResponseWriter, r *http.Request) {
	sess := session.MustFrom(r.Context())
	var payout Payout
	if err := p.DB.GetContext(r.Context(), &payout,
		"SELECT * FROM payouts WHERE id = $1", chi.URLParam(r, "payoutID")); err != nil {
		http.NotFound(w, r)
		return
	}
	render(w, sess.Locale, payout)
}
