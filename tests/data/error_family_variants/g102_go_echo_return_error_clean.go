// clean: GO-ERROR-ANSWERED-OK
package handlers

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

type createReq struct {
	Title string `json:"title" validate:"required"`
}

func (h *Handler) CreateTodo(c echo.Context) error {
	var req createReq
	if err := c.Bind(&req); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "invalid body")
	}
	if err := c.Validate(&req); err != nil {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, err.Error())
	}
	todo, err := h.svc.Create(c.Request().Context(), req.Title)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, todo)
}
