// clean: GO-SHELL-INJECTION
package diag

import (
	"context"
	"net/http"
	"os/exec"
	"time"

	"github.com/labstack/echo/v4"
)

func Ping(c echo.Context) error {
	host := c.QueryParam("host")
	ctx, cancel := context.WithTimeout(c.Request().Context(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "ping", "-c", "3", "--", host).CombinedOutput()
	if err != nil {
		return c.String(http.StatusBadGateway, "ping failed")
	}
	return c.String(http.StatusOK, string(out))
}
