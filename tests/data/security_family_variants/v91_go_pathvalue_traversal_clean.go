// clean: GO-PATH-TRAVERSAL
package api

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

type ReportHandler struct {
	Dir string
}

func (h *ReportHandler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /reports/{name}", h.download)
}

func (h *ReportHandler) download(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	full := filepath.Clean(filepath.Join(h.Dir, name))
	if !strings.HasPrefix(full, filepath.Clean(h.Dir)+string(os.PathSeparator)) {
		http.Error(w, "bad name", http.StatusBadRequest)
		return
	}
	f, err := os.Open(full)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	w.Header().Set("Content-Type", "application/pdf")
	_, _ = io.Copy(w, f)
}
