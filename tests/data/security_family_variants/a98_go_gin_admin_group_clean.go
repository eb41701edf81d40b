// clean: GO-ROUTE-NO-AUTH
// path: internal/server/routes.go
package server

import "github.com/gin-gonic/gin"

func (s *Server) registerRoutes(r *gin.Engine) {
	r.GET("/healthz", s.health)

	api := r.Group("/api", s.authn())
	api.GET("/me", s.me)
	api.GET("/projects", s.listProjects)

	admin := api.Group("/admin", s.requireAdmin())
	admin.GET("/users", s.adminListUsers)
	admin.POST("/users/:id/disable", s.adminDisableUser)
	admin.POST("/users/:id/impersonate", s.adminImpersonate)
}
