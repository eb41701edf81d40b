// want: GO-PATH-TRAVERSAL
package api

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
)

type ReportHandler struct {
	Dir string
}

func (h *ReportHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /reports/{name}", h.download)
}

func (h *ReportHandler) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	f, err := os.Open(filepath.Join(h.Dir, name))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = io.Copy(w, f)
}
