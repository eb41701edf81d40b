// clean: GO-ROUTE-NO-AUTH
package router

import "github.com/gin-gonic/gin"

func Register(r *gin.Engine, h *Handlers, auth gin.HandlerFunc) {
	r.GET("/ping", h.Ping)

	api := r.Group("/api/v1", auth)
	api.GET("/invoices", h.ListInvoices)
	api.POST("/invoices", h.CreateInvoice)
	api.DELETE("/invoices/:id", h.DeleteInvoice)

	admin := api.Group("/admin")
	admin.Use(h.RequireRole("admin"))
	admin.POST("/invoices/:id/refund", h.RefundInvoice)
}
