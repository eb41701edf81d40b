// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"example.com/app/internal/auth"
	"example.com/app/internal/models"
)

type ProjectHandler struct{ db *gorm.DB }

func (h *ProjectHandler) Register(r *gin.RouterGroup) {
	r.GET("/projects", h.list)
	r.DELETE("/projects/:id", h.delete)
}

func (h *ProjectHandler) list(c *gin.Context) {
	claims := auth.ClaimsFromContext(c.Request.Context())
	var ps []models.Project
	h.db.Where("org_id = ?", claims.OrgID).Find(&ps)
	c.JSON(http.StatusOK, ps)
}

func (h *ProjectHandler) delete(c *gin.Context) {
	claims := auth.ClaimsFromContext(c.Request.Context())
	id := c.Param("id")
	var p models.Project
	if err := h.db.First(&p, "id = ?", id).Error; err != nil || p.OrgID != claims.OrgID {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	h.db.Delete(&p)
	c.Status(http.StatusNoContent)
}
