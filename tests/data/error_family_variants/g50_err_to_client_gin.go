// want: GO-ERROR-LEAK
package handlers

func (h *Handler) Report(c *gin.Context) {
	rep, err := h.reports.Build(c.Request.Context(), c.Param("id"))
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": err.Error()})
		return
	}
	c.JSON(http.StatusOK, rep)
}
