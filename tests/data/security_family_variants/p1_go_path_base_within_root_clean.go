// clean: GO-PATH-TRAVERSAL
package files

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

const uploadRoot = "/srv/uploads"

func Download(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	full := filepath.Join(uploadRoot, filepath.Clean("/"+name))
	if !strings.HasPrefix(full, uploadRoot+string(os.PathSeparator)) {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	http.ServeFile(w, r, full)
}
