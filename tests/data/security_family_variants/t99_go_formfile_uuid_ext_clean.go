// clean: GO-PATH-TRAVERSAL
package api

import (
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/google/uuid"
)

const docsDir = "/srv/docs"

func UploadDocument(w http.ResponseWriter, r *http.Request) {
	file, header, err := r.FormFile("doc")
	if err != nil {
		http.Error(w, "bad upload", http.StatusBadRequest)
		return
	}
	defer file.Close()
	name := uuid.NewString() + filepath.Ext(header.Filename)
	out, err := os.Create(filepath.Join(docsDir, name))
	if err != nil {
		http.Error(w, "cannot save", http.StatusInternalServerError)
		return
	}
	defer out.Close()
	if _, err := io.Copy(out, file); err != nil {
		http.Error(w, "cannot save", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusCreated)
}
