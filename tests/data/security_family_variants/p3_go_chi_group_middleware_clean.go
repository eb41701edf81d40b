// clean: GO-ROUTE-NO-AUTH
package server

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (s *Server) Routes() http.Handler {
	r := chi.NewRouter()
	r.Get("/healthz", s.health)
	r.Post("/login", s.login)

	r.Group(func(r chi.Router) {
		r.Use(s.requireSession)
		r.Get("/projects", s.listProjects)
		r.Post("/projects", s.createProject)
		r.Delete("/projects/{id}", s.deleteProject)
		r.Post("/projects/{id}/members", s.addMember)
	})
	return r
}
