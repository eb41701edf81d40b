// clean: GO-SQL-STRING
package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

type Products struct{ DB *gorm.DB }

func orderClause(sort string) string {
	switch sort {
	case "price":
		return " ORDER BY price ASC"
	case "newest":
		return " ORDER BY created_at DESC"
	default:
		return " ORDER BY name ASC"
	}
}

func (p *Products) List(c *gin.Context) {
	sort := c.DefaultQuery("sort", "name")
	var out []Product
	if err := p.DB.Raw("SELECT id, name, price FROM products WHERE active" + orderClause(sort)).Scan(&out).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "query failed"})
		return
	}
	c.JSON(http.StatusOK, out)
}
