// clean: GO-ROUTE-NO-AUTH
package httpapi

import (
	echojwt "github.com/labstack/echo-jwt/v4"
	"github.com/labstack/echo/v4"
)

func Mount(e *echo.Echo, h *Handler, signingKey []byte) {
	e.GET("/status", h.Status)

	g := e.Group("/v1")
	g.Use(echojwt.WithConfig(echojwt.Config{SigningKey: signingKey}))
	g.GET("/orders", h.ListOrders)
	g.POST("/orders", h.CreateOrder)
	g.PUT("/orders/:id", h.UpdateOrder)
	g.DELETE("/orders/:id", h.CancelOrder)
}
