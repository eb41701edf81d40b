// want: GO-ROUTE-NO-AUTH
package api

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

func (s *Server) routes() http.Handler {
	r := chi.NewRouter()
	r.Post("/login", s.handleLogin)

	r.Group(func(r chi.Router) {
		r.Use(s.requireAuth)
		r.Get("/projects", s.listProjects)
		r.Post("/projects", s.createProject)
		r.Put("/projects/{id}", s.updateProject)
		r.Get("/projects/{id}/members", s.listMembers)
	})

	r.Delete("/projects/{id}", s.deleteProject)
	return r
}
