// want: GO-ROUTE-NO-AUTH
package http

import (
	"github.com/labstack/echo/v4"

	"example.com/ledger/internal/auth"
)

func Register(e *echo.Echo, h *Handler) {
	e.GET("/accounts", h.ListAccounts, auth.RequireToken)
	e.POST("/accounts", h.CreateAccount, auth.RequireToken)
	e.PUT("/accounts/:id", h.UpdateAccount, auth.RequireToken)
	e.GET("/accounts/:id/entries", h.ListEntries, auth.RequireToken)
	e.POST("/accounts/:id/entries/:entry/reverse", h.ReverseEntry)
}
