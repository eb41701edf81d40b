// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package api

import (
	"errors"
	"net/http"

	"gorm.io/gorm"

	"github.com/gin-gonic/gin"
)

func (a *API) GetDocument(c *gin.Context) {
	uid := c.GetUint("user_id")
	var doc Document
	err := a.db.WithContext(c.Request.Context()).
		Where("id = ? AND owner_id = ?", c.Param("id"), uid).
		First(&doc).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
		return
	}
	c.JSON(http.StatusOK, doc)
}
