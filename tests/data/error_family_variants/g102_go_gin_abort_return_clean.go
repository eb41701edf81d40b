// clean: GO-RESPONSE-NO-RETURN
package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
)

func (a *API) DeleteLabel(c *gin.Context) {
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil {
		c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "invalid id"})
		return
	}
	if err := a.labels.Delete(c.Request.Context(), a.userID(c), id); err != nil {
		c.Error(err)
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": "delete failed"})
		return
	}
	c.Status(http.StatusNoContent)
}
