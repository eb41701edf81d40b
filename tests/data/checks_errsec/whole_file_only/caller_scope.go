// A handler that loads a record by its URL id alone while its collection's siblings read the caller
// (GO-LOOKUP-NOT-CALLER-SCOPED), beside the scoped forms left alone.
package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

func (h *Notes) Register(g *gin.RouterGroup) {
	g.GET("/notes", h.List)
	g.GET("/notes/:id", h.Show)
	g.DELETE("/notes/:id", h.Remove)
	g.GET("/notes/:id/history", h.History)
}

func (h *Notes) List(c *gin.Context) {
	u := c.MustGet("user").(*User)
	notes, err := h.repo.ListByAuthor(c.Request.Context(), u.ID)
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, notes)
}

func (h *Notes) Show(c *gin.Context) {
	u := c.MustGet("user").(*User)
	note, err := h.repo.GetByAuthor(c.Request.Context(), u.ID, c.Param("id"))
	if err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, note)
}

func (h *Notes) Remove(c *gin.Context) {
	noteID := c.Param("id")
	if err := h.repo.Delete(c.Request.Context(), noteID); err != nil { // expect: GO-LOOKUP-NOT-CALLER-SCOPED
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *Notes) History(c *gin.Context) {
	noteID := c.Param("id")
	if !h.acl.CanRead(c, noteID) {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	versions, err := h.repo.Versions(c.Request.Context(), noteID)
	if err != nil {
		c.AbortWithStatus(http.StatusInternalServerError)
		return
	}
	c.JSON(http.StatusOK, versions)
}
