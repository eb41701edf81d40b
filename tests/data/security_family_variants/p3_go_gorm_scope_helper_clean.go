// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"
)

func ForTenant(tenantID uint) func(*gorm.DB) *gorm.DB {
	return func(db *gorm.DB) *gorm.DB { return db.Where("tenant_id = ?", tenantID) }
}

type Invoices struct{ DB *gorm.DB }

func (h *Invoices) Show(c *gin.Context) {
	user := c.MustGet("user").(*User)
	var inv Invoice
	if err := h.DB.Scopes(ForTenant(user.TenantID)).First(&inv, "id = ?", c.Param("id")).Error; err != nil {
		c.JSON(http.StatusNotFound, gin.H{"error": "not found"})
		return
	}
	c.JSON(http.StatusOK, inv)
}
