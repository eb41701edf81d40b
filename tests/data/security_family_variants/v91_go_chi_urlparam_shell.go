// want: GO-SHELL-INJECTION
package api

import (
	"net/http"
	"os/exec"

	"github.com/go-chi/chi/v5"
)

func Ping(w http.ResponseWriter, r *http.Request) {
	host := chi.URLParam(r, "host")
	out, err := exec.CommandContext(r.Context(), "sh", "-c", "ping -c 3 "+host).CombinedOutput()
	if err != nil {
		http.Error(w, "ping failed", http.StatusBadGateway)
		return
	}
	_, _ = w.Write(out)
}
