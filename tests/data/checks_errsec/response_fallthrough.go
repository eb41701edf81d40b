package api

func (h *Handler) GetInvoice(w http.ResponseWriter, r *http.Request) {
	invoice, err := h.billing.Invoice(r.Context(), r.PathValue("id"))
	if err != nil {
		h.log.Error("load invoice", "err", err)
		http.Error(w, "invoice not found", http.StatusNotFound) // expect: GO-RESPONSE-NO-RETURN
	}
	json.NewEncoder(w).Encode(invoice)
}

func (h *Handler) GetReceipt(w http.ResponseWriter, r *http.Request) {
	receipt, err := h.billing.Receipt(r.Context(), r.PathValue("id"))
	if err != nil {
		http.Error(w, "receipt not found", http.StatusNotFound)
		return
	}
	json.NewEncoder(w).Encode(receipt)
}

func (h *Handler) Ping(w http.ResponseWriter, r *http.Request) {
	if err := h.db.PingContext(r.Context()); err != nil {
		http.Error(w, "database unavailable", http.StatusServiceUnavailable)
	}
}

func (h *Handler) Refund(c *gin.Context) {
	var req RefundRequest
	if err := c.ShouldBindJSON(&req); err != nil {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "invalid body"}) // expect: GO-RESPONSE-NO-RETURN
	}
	refund, err := h.billing.Refund(c, req.InvoiceID, req.Amount)
	if err != nil {
		c.JSON(http.StatusBadGateway, gin.H{"error": "refund failed"})
		return
	}
	c.JSON(http.StatusOK, refund)
}
