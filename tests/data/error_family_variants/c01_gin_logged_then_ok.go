// want: GO-ERROR-ANSWERED-OK
package handlers

func (h *SubscriptionHandler) Pause(c *gin.Context) {
	subID := c.Param("id")
	if err := h.billing.PauseSubscription(c.Request.Context(), subID); err != nil {
		h.logger.Error("pause subscription", zap.Error(err))
	}
	c.JSON(http.StatusOK, gin.H{"status": "paused"})
}
