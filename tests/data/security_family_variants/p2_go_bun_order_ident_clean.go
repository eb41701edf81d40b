// clean: GO-SQL-STRING
package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/uptrace/bun"
)

type Article struct {
	ID        int64  `bun:",pk"`
	Title     string `bun:"title"`
	AuthorID  int64  `bun:"author_id"`
	Published bool   `bun:"published"`
}

var sortable = map[string]string{"title": "title", "published": "published_at", "views": "view_count"}

func ListArticles(db *bun.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		col, ok := sortable[r.URL.Query().Get("sort")]
		if !ok {
			col = "published_at"
		}
		var articles []Article
		err := db.NewSelect().
			Model(&articles).
			Where("author_id = ?", chi.URLParam(r, "authorID")).
			Where("title ILIKE ?", "%"+r.URL.Query().Get("q")+"%").
			OrderExpr("? DESC", bun.Ident(col)).
			Limit(50).
			Scan(r.Context())
		if err != nil {
			http.Error(w, "query failed", http.StatusInternalServerError)
			return
		}
		writeJSON(w, articles)
	}
}
