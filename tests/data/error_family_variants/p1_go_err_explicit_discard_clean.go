// clean: GO-ERR-UNCHECKED
package svc

import (
	"net/http"
	"os"
)

func RemoveTemp(w http.ResponseWriter, r *http.Request, path string) {
	// best effort: the sweeper deletes anything left behind
	_ = os.Remove(path)
	w.WriteHeader(http.StatusNoContent)
}
