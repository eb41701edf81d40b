// clean: GO-SQL-STRING
package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

var sortable = map[string]string{"title": "title", "price": "price_cents", "newest": "created_at"}

type Products struct{ DB *gorm.DB }

func (p *Products) List(c *gin.Context) {
	col, ok := sortable[c.Query("sort")]
	if !ok {
		col = "created_at"
	}
	var items []Product
	if err := p.DB.WithContext(c).Where("shop_id = ?", c.GetInt64("shopID")).Order(col + " DESC").Limit(50).Find(&items).Error; err != nil {
		c.JSON(http.StatusInternalServerError, gin.H{"error": "list failed"})
		return
	}
	c.JSON(http.StatusOK, items)
}
