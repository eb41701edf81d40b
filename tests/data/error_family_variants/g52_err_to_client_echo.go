// want: GO-ERROR-LEAK
package handlers

func (h *Handler) Report(c echo.Context) error {
	rep, err := h.reports.Build(c.Request().Context(), c.Param("id"))
	if err != nil {
		return echo.NewHTTPError(http.StatusInternalServerError, err.Error())
	}
	return c.JSON(http.StatusOK, rep)
}
