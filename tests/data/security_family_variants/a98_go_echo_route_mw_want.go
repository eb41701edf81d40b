// want: GO-ROUTE-NO-AUTH
// path: internal/api/routes.go
package api

import "github.com/labstack/echo/v4"

func Register(e *echo.Echo, h *Handlers, mw *Middleware) {
	e.POST("/login", h.Login)
	e.GET("/orgs/:org/members", h.ListMembers, mw.RequireSession)
	e.POST("/orgs/:org/members", h.AddMember, mw.RequireSession, mw.RequireOrgAdmin)
	e.DELETE("/orgs/:org/members/:id", h.RemoveMember)
}
