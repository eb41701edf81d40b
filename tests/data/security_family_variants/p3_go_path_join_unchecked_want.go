// want: GO-PATH-TRAVERSAL
package exports

import (
	"net/http"
	"path/filepath"
)

type Exports struct{ Dir string }

func (e *Exports) Get(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	http.ServeFile(w, r, filepath.Join(e.Dir, name))
}
