// want: GO-CONTEXT-DROPPED
package api

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"
)

func (a *API) GetInvoice(c *gin.Context) {
	inv, err := a.q.GetInvoice(context.TODO(), c.Param("id"))
	if err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	c.JSON(http.StatusOK, inv)
}
