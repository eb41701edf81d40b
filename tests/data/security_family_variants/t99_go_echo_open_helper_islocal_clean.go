// clean: GO-PATH-TRAVERSAL
package statements

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

const statementDir = "/var/lib/ledger/statements"

func statementPath(name string) (string, error) {
	if !filepath.IsLocal(name) {
		return "", errors.New("bad name")
	}
	return filepath.Join(statementDir, name), nil
}

func Download(c echo.Context) error {
	p, err := statementPath(c.Param("file"))
	if err != nil {
		return echo.NewHTTPError(http.StatusBadRequest)
	}
	f, err := os.Open(p)
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	defer f.Close()
	return c.Stream(http.StatusOK, "application/pdf", f)
}
