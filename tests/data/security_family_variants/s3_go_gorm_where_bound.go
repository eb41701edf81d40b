// clean: GO-SQL-STRING
package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Handler struct{ db *gorm.DB }

type Article struct {
	ID    uint
	Title string
}

var sortable = map[string]string{"created": "created_at", "title": "title"}

func (h *Handler) ListArticles(c *gin.Context) {
	col, ok := sortable[c.Query("sort")]
	if !ok {
		col = "created_at"
	}
	dir := "DESC"
	if c.Query("dir") == "asc" {
		dir = "ASC"
	}
	var out []Article
	q := h.db.Where("title LIKE ?", "%"+c.Query("q")+"%").Order(col + " " + dir)
	if err := q.Limit(50).Find(&out).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "list failed"})
		return
	}
	c.JSON(http.StatusOK, out)
}
