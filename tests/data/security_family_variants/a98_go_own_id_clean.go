// clean: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/me.go
package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (h *Handler) Me(c *gin.Context) {
	claims := claimsFrom(c)
	u, err := h.store.GetUser(c, claims.UserID)
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, u)
}
