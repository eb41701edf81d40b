// clean: GO-PATH-TRAVERSAL
package exports

import (
	"net/http"
	"path/filepath"

	"github.com/go-chi/chi/v5"
)

type Exports struct{ Dir string }

func (e *Exports) Get(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if !filepath.IsLocal(name) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	http.ServeFile(w, r, filepath.Join(e.Dir, name))
}
