// clean: GO-PATH-TRAVERSAL
package files

import (
	"net/http"
	"path/filepath"
	"strings"

	"github.com/labstack/echo/v4"
)

type Handler struct{ Root string }

func (h *Handler) Download(c echo.Context) error {
	full := filepath.Join(h.Root, c.Param("*"))
	rel, err := filepath.Rel(h.Root, full)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return echo.NewHTTPError(http.StatusBadRequest, "bad path")
	}
	return c.Attachment(full, filepath.Base(full))
}
