// want: GO-PANIC-ON-ERROR
package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func (h *Handler) Create(c echo.Context) error {
	var in CreateInput
	if err := c.Bind(&in); err != nil {
		panic("invalid payload: " + err.Error())
	}
	out, err := h.svc.Create(c.Request().Context(), in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, out)
}
