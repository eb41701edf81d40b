// want: GO-ERROR-ANSWERED-OK
package handlers

func (h *OrderHandler) Ship(c echo.Context) error {
	id := c.Param("id")
	if err := h.orders.MarkShipped(c.Request().Context(), id); err != nil {
		log.Error().Err(err).Str("order", id).Msg("mark shipped")
	}
	if err := h.notifier.SendShipped(c.Request().Context(), id); err != nil {
		log.Error().Err(err).Msg("notify")
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "shipped"})
}
