// clean: GO-NESTED-RESOURCE-UNSCOPED
package handlers

import (
	"database/sql"
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"
)

func (h *Handler) GetComment(c echo.Context) error {
	uid := c.Get("user_id").(int64)
	var cm Comment
	err := h.db.QueryRowContext(c.Request().Context(),
		`SELECT c.id, c.body FROM comments c JOIN posts p ON p.id = c.post_id
		 WHERE c.id = $1 AND c.post_id = $2 AND p.owner_id = $3`,
		c.Param("commentID"), c.Param("postID"), uid).Scan(&cm.ID, &cm.Body)
	if errors.Is(err, sql.ErrNoRows) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cm)
}
