// want: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/invoices.go
package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"example.com/billing/internal/db"
)

func (h *Handler) GetInvoice(c *gin.Context) {
	orgID := c.GetString("orgID")
	inv, err := h.q.GetInvoiceForOrg(c, db.GetInvoiceForOrgParams{ID: c.Param("id"), OrgID: orgID})
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, inv)
}

func (h *Handler) VoidInvoice(c *gin.Context) {
	inv, err := h.q.GetInvoice(c, c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	if err := h.q.VoidInvoice(c, inv.ID); err != nil {
		c.AbortWithError(http.StatusInternalServerError, err)
		return
	}
	c.Status(http.StatusNoContent)
}
