// clean: GO-ERROR-ANSWERED-OK
package handlers

func (h *Handler) Get(c *gin.Context) {
	item, err := h.items.Get(c.Request.Context(), c.Param("id"))
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "lookup failed"})
		return
	}
	if err := h.cache.Set(c.Request.Context(), item.ID, item); err != nil {
		h.log.Warn("cache set", "err", err)
	}
	c.JSON(http.StatusOK, item)
}
