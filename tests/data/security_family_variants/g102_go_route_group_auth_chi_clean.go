// clean: GO-ROUTE-NO-AUTH
package api

import (
	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

func (s *Server) Router() chi.Router {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, middleware.Recoverer)
	r.Get("/healthz", s.health)
	r.Post("/auth/login", s.login)
	r.Group(func(r chi.Router) {
		r.Use(s.requireSession)
		r.Get("/api/projects", s.listProjects)
		r.Post("/api/projects", s.createProject)
		r.Delete("/api/projects/{id}", s.deleteProject)
	})
	return r
}
