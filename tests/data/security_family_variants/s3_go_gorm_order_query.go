// want: GO-SQL-STRING
package api

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Handler struct{ db *gorm.DB }

type Article struct {
	ID    uint
	Title string
}

func (h *Handler) ListArticles(c *gin.Context) {
	sort := c.DefaultQuery("sort", "created_at")
	dir := c.DefaultQuery("dir", "desc")
	var out []Article
	if err := h.db.Order(fmt.Sprintf("%s %s", sort, dir)).Limit(50).Find(&out).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "list failed"})
		return
	}
	c.JSON(http.StatusOK, out)
}
