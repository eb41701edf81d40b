// clean: GO-ERROR-ANSWERED-OK
package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"go.uber.org/zap"

	"example.com/crm/internal/verify"
)

type EmailVerification struct {
	Verifier *verify.Client
	Log      *zap.Logger
}

func (h *EmailVerification) Confirm(c *gin.Context) {
	token := c.Query("token")
	if err := h.Verifier.Confirm(c.Request.Context(), token); err != nil {
		h.Log.Warn("confirm email", zap.Error(err))
		c.JSON(http.StatusServiceUnavailable, gin.H{"verified": false})
		return
	}
	c.JSON(http.StatusOK, gin.H{"verified": true})
}
