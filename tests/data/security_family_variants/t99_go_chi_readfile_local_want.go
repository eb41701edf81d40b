// want: GO-PATH-TRAVERSAL
package exports

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/go-chi/chi/v5"
)

type Handler struct{ Root string }

func (h *Handler) Download(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	p := filepath.Join(h.Root, "exports", name)
	data, err := os.ReadFile(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	w.Write(data)
}
