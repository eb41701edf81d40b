// clean: GO-PATH-TRAVERSAL
package attachments

import (
	"net/http"
	"os"
	"path/filepath"
)

func (h *Handler) Read(w http.ResponseWriter, r *http.Request) {
	rel := r.URL.Query().Get("file")
	if !filepath.IsLocal(rel) {
		http.Error(w, "invalid path", http.StatusBadRequest)
		return
	}
	data, err := os.ReadFile(filepath.Join(h.baseDir, rel))
	if err != nil {
		if os.IsNotExist(err) {
			http.NotFound(w, r)
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write(data)
}
