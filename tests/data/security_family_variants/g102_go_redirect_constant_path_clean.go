// clean: GO-OPEN-REDIRECT
package web

import "net/http"

func (s *Server) routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/app/", http.StatusFound)
	})
	mux.HandleFunc("GET /projects/{id}/settings", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/app/projects/"+r.PathValue("id")+"/settings", http.StatusMovedPermanently)
	})
}
