// clean: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/orders/http.go
package orders

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/uptrace/bun"
)

type Handler struct{ DB *bun.DB }

func (h *Handler) Refund(c *gin.Context) {
	shopID := c.MustGet("shopID").(int64)
	order := new(Order)
	if err := h.DB.NewSelect().Model(order).
		Where("id = ?", c.Param("id")).
		Where("shop_id = ?", shopID).
		Scan(c); err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	if err := h.refunds.Issue(c, shopID, order); err != nil {
		c.AbortWithError(http.StatusBadGateway, err)
		return
	}
	c.Status(http.StatusAccepted)
}
