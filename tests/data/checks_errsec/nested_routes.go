// Fixture: records under a parent in the URL, found by their own id alone or scoped to the parent.
package projects

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/jmoiron/sqlx"
)

type Board struct {
	ID        int64  `db:"id"`
	ProjectID int64  `db:"project_id"`
	Title     string `db:"title"`
}

type API struct{ db *sqlx.DB }

func (a *API) Routes(r *gin.RouterGroup) {
	r.GET("/teams/:team/boards/:board", a.board)
	r.GET("/teams/:team/boards/:board/scoped", a.scopedBoard)
	r.GET("/boards/:board", a.plainBoard)
}

func (a *API) board(c *gin.Context) {
	var b Board
	if err := a.db.GetContext(c.Request.Context(), &b, `SELECT id, title FROM boards WHERE id = $1`, c.Param("board")); err != nil { // expect: GO-NESTED-RESOURCE-UNSCOPED
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, b)
}

func (a *API) scopedBoard(c *gin.Context) {
	var b Board
	if err := a.db.GetContext(c.Request.Context(), &b, `SELECT id, title FROM boards WHERE id = $1 AND team_id = $2`,
		c.Param("board"), c.Param("team")); err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, b)
}

func (a *API) plainBoard(c *gin.Context) {
	var b Board
	if err := a.db.GetContext(c.Request.Context(), &b, `SELECT id, title FROM boards WHERE id = $1`, c.Param("board")); err != nil {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.JSON(http.StatusOK, b)
}
