// want: GO-SQL-STRING
package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Products struct{ DB *gorm.DB }

func orderClause(sort, dir string) string {
	return " ORDER BY " + sort + " " + dir
}

func (p *Products) List(c *gin.Context) {
	sort := c.DefaultQuery("sort", "name")
	dir := c.DefaultQuery("dir", "asc")
	var out []Product
	if err := p.DB.Raw("SELECT id, name, price FROM products WHERE active" + orderClause(sort, dir)).Scan(&out).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "query failed"})
		return
	}
	c.JSON(http.StatusOK, out)
}
