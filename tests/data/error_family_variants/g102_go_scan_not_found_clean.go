// clean: GO-NOT-FOUND-AS-500
package handlers

import (
	"database/sql"
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
)

func (h *Handler) GetArticle(c *gin.Context) {
	var a Article
	err := h.db.QueryRowContext(c.Request.Context(),
		`SELECT id, title, body FROM articles WHERE slug = $1 AND published`, c.Param("slug")).
		Scan(&a.ID, &a.Title, &a.Body)
	if errors.Is(err, sql.ErrNoRows) {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	if err != nil {
		_ = c.Error(err)
		c.JSON(http.StatusInternalServerError, gin.H{"error": "internal error"})
		return
	}
	c.JSON(http.StatusOK, a)
}
