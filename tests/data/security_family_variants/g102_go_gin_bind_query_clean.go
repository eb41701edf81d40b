// clean: GO-SQL-STRING
package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

type searchParams struct {
	Q     string `form:"q" binding:"required,max=100"`
	Page  int    `form:"page,default=1" binding:"min=1"`
}

func (a *API) Search(c *gin.Context) {
	var p searchParams
	if err := c.ShouldBindQuery(&p); err != nil {
		c.JSON(http.StatusBadRequest, gin.H{"error": "invalid query"})
		return
	}
	rows, err := a.db.QueryContext(c.Request.Context(),
		"SELECT id, title FROM articles WHERE search @@ plainto_tsquery($1) ORDER BY id LIMIT 20 OFFSET $2",
		p.Q, (p.Page-1)*20)
	if err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "search failed"})
		return
	}
	defer rows.Close()
	c.JSON(http.StatusOK, a.collect(rows))
}
