// clean: GO-ROUTE-NO-AUTH
package server

import (
	echojwt "github.com/labstack/echo-jwt/v4"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

func (s *Server) routes(e *echo.Echo) {
	e.Use(middleware.Recover(), middleware.RequestID())
	e.GET("/healthz", s.health)
	e.POST("/api/login", s.login)
	api := e.Group("/api", echojwt.WithConfig(echojwt.Config{SigningKey: s.jwtKey}))
	api.GET("/me", s.me)
	api.GET("/invoices", s.listInvoices)
	api.POST("/invoices", s.createInvoice)
	api.DELETE("/invoices/:id", s.deleteInvoice)
}
