// want: GO-PATH-TRAVERSAL
package statements

import (
	"net/http"
	"os"
	"path/filepath"

	"github.com/labstack/echo/v4"
)

const statementDir = "/var/lib/ledger/statements"

func statementPath(name string) string {
	return filepath.Join(statementDir, name)
}

func Download(c echo.Context) error {
	f, err := os.Open(statementPath(c.Param("file")))
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound)
	}
	defer f.Close()
	return c.Stream(http.StatusOK, "application/pdf", f)
}
