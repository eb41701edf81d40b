// clean: GO-LOOKUP-NOT-CALLER-SCOPED
package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"example.com/app/ent"
	"example.com/app/ent/document"
	"example.com/app/ent/user"
)

func (s *Server) GetDocument(c echo.Context) error {
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	uid := c.Get("userID").(int)
	doc, err := s.client.Document.Query().
		Where(document.ID(id), document.HasOwnerWith(user.ID(uid))).
		Only(c.Request().Context())
	if ent.IsNotFound(err) {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, doc)
}
