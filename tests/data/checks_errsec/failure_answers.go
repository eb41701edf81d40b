package http

func (h *Orders) Cancel(c echo.Context) error {
	id := c.Param("id")
	if err := h.svc.Cancel(c.Request().Context(), id); err != nil {
		c.Logger().Errorf("cancel order %s: %v", id, err)
		return c.NoContent(http.StatusNoContent) // expect: GO-ERROR-ANSWERED-OK
	}
	return c.NoContent(http.StatusNoContent)
}

func (h *Orders) Archive(c echo.Context) error {
	id := c.Param("id")
	if err := h.svc.Archive(c.Request().Context(), id); err != nil {
		c.Logger().Errorf("archive order %s: %v", id, err)
		return echo.NewHTTPError(http.StatusInternalServerError, "archive failed")
	}
	return c.NoContent(http.StatusNoContent)
}
