// clean: GO-SHELL-INJECTION
package api

import (
	"net/http"
	"os/exec"

	"github.com/go-chi/chi/v5"
)

var probeTargets = map[string]bool{"db": true, "cache": true, "queue": true}

func Ping(w http.ResponseWriter, r *http.Request) {
	host := chi.URLParam(r, "host")
	if !probeTargets[host] {
		http.Error(w, "unknown target", http.StatusBadRequest)
		return
	}
	out, err := exec.CommandContext(r.Context(), "ping", "-c", "3", "--", host).CombinedOutput()
	if err != nil {
		http.Error(w, "ping failed", http.StatusBadGateway)
		return
	}
	_, _ = w.Write(out)
}
