// want: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/handlers/tasks.go
package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"example.com/todo/internal/models"
)

type TaskHandler struct{ DB *gorm.DB }

func (h *TaskHandler) List(c *gin.Context) {
	userID := c.GetUint("userID")
	var tasks []models.Task
	h.DB.Where("user_id = ?", userID).Find(&tasks)
	c.JSON(http.StatusOK, tasks)
}

func (h *TaskHandler) Complete(c *gin.Context) {
	var task models.Task
	if err := h.DB.First(&task, c.Param("id")).Error; err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	task.Done = true
	h.DB.Save(&task)
	c.JSON(http.StatusOK, task)
}
