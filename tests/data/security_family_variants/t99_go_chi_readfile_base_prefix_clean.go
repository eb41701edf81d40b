// clean: GO-PATH-TRAVERSAL
package exports

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-chi/chi/v5"
)

type Handler struct{ Root string }

func (h *Handler) Download(w http.ResponseWriter, r *http.Request) {
	dir := filepath.Join(h.Root, "exports")
	name := filepath.Base(chi.URLParam(r, "name"))
	p := filepath.Join(dir, name)
	if !strings.HasPrefix(p, dir+string(os.PathSeparator)) {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(p)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	w.Write(data)
}
