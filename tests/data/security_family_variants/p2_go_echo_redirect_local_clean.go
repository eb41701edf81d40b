// clean: GO-OPEN-REDIRECT
package api

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/app"
	}
	return next
}

func (s *Server) Login(c echo.Context) error {
	user, err := s.auth.Check(c.FormValue("email"), c.FormValue("password"))
	if err != nil {
		return c.Redirect(http.StatusSeeOther, "/login?failed=1")
	}
	if err := s.sessions.Start(c, user.ID); err != nil {
		return err
	}
	return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
}
