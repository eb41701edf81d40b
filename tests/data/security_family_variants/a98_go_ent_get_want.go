// want: GO-LOOKUP-NOT-CALLER-SCOPED
// path: internal/api/projects.go
package api

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"example.com/pm/ent"
	"example.com/pm/internal/authctx"
)

type ProjectAPI struct{ Client *ent.Client }

func (a *ProjectAPI) Archive(c echo.Context) error {
	member := authctx.Member(c)
	id, err := strconv.Atoi(c.Param("id"))
	if err != nil {
		return echo.ErrBadRequest
	}
	p, err := a.Client.Project.Get(c.Request().Context(), id)
	if err != nil {
		return echo.ErrNotFound
	}
	p, err = p.Update().SetArchived(true).SetArchivedByID(member.ID).Save(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}
