// clean: GO-PATH-TRAVERSAL
package api

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/go-chi/chi/v5"
)

const attachmentsDir = "/var/lib/app/attachments"

func DownloadAttachment(w http.ResponseWriter, r *http.Request) {
	name := chi.URLParam(r, "name")
	if !filepath.IsLocal(name) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	f, err := os.Open(filepath.Join(attachmentsDir, name))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(w, r, name, timeZero, f)
}
