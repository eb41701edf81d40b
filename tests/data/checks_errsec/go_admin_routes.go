package server

import "github.com/gin-gonic/gin"

func mount(r *gin.Engine, h *Handlers, mw *Middleware) {
	api := r.Group("/api", mw.RequireUser())
	api.GET("/me", h.Me)
	api.PATCH("/me", h.UpdateMe)
	api.POST("/users/:id/impersonate", h.ImpersonateUser) // expect: GO-ADMIN-ROUTE-OUTSIDE-GROUP
	api.POST("/users/:id/follow", h.FollowUser)

	admin := r.Group("/api/admin", mw.RequireUser(), mw.RequireRole("admin"))
	admin.GET("/users", h.ListUsers)
	admin.POST("/users/:id/suspend", h.SuspendUser)
}
