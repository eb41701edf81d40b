// want: GO-LOOKUP-NOT-CALLER-SCOPED
package handlers

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"example.com/crm/ent"
	"example.com/crm/ent/contact"
	"example.com/crm/internal/session"
)

type Contacts struct{ client *ent.Client }

func (h *Contacts) Mount(g *echo.Group) {
	g.GET("/contacts/:id", h.show)
	g.PUT("/contacts/:id/archive", h.archive)
}

func (h *Contacts) show(c echo.Context) error {
	tenant := session.TenantFromContext(c.Request().Context())
	id, _ := strconv.Atoi(c.Param("id"))
	ct, err := h.client.Contact.Query().Where(contact.ID(id), contact.TenantID(tenant.ID)).Only(c.Request().Context())
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	return c.JSON(http.StatusOK, ct)
}

func (h *Contacts) archive(c echo.Context) error {
	id, _ := strconv.Atoi(c.Param("id"))
	ct, err := h.client.Contact.Get(c.Request().Context(), id)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	if err := ct.Update().SetArchived(true).Exec(c.Request().Context()); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}
