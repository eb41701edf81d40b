// want: GO-ADMIN-ROUTE-OUTSIDE-GROUP
package server

import (
	"github.com/gin-gonic/gin"

	"example.com/shop/internal/handlers"
	"example.com/shop/internal/middleware"
)

func Routes(r *gin.Engine, h *handlers.Handlers) {
	api := r.Group("/api", middleware.RequireSession())
	api.GET("/orders", h.ListOrders)
	api.POST("/orders", h.CreateOrder)

	admin := r.Group("/admin", middleware.RequireSession(), middleware.RequireRole("admin"))
	admin.GET("/users", h.AdminListUsers)
	admin.POST("/users/:id/ban", h.AdminBanUser)

	r.DELETE("/admin/users/:id", h.AdminDeleteUser)
}
