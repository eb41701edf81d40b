// want: GO-LOOKUP-NOT-CALLER-SCOPED
package api

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"example.com/app/internal/auth"
	"example.com/app/internal/models"
)

type ProjectHandler struct{ db *gorm.DB }

func (h *ProjectHandler) Register(r *gin.RouterGroup) {
	r.GET("/projects/:id", h.get)
	r.DELETE("/projects/:id", h.delete)
}

func (h *ProjectHandler) get(c *gin.Context) {
	claims := auth.ClaimsFromContext(c.Request.Context())
	var p models.Project
	err := h.db.Where("id = ? AND org_id = ?", c.Param("id"), claims.OrgID).First(&p).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, p)
}

func (h *ProjectHandler) delete(c *gin.Context) {
	id := c.Param("id")
	var p models.Project
	if err := h.db.First(&p, "id = ?", id).Error; err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	h.db.Delete(&p)
	c.Status(http.StatusNoContent)
}
