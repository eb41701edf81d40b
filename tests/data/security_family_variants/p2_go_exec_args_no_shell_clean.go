// clean: GO-SHELL-INJECTION
package api

import (
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/labstack/echo/v4"
)

func (s *Server) Transcode(c echo.Context) error {
	name := filepath.Base(c.Param("name"))
	src := filepath.Join(s.uploads, name)
	dst := filepath.Join(s.outputs, name+".mp4")
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ffmpeg", "-nostdin", "-i", src, "-c:v", "libx264", dst)
	if out, err := cmd.CombinedOutput(); err != nil {
		c.Logger().Errorf("ffmpeg failed: %v: %s", err, out)
		return echo.NewHTTPError(http.StatusUnprocessableEntity, "transcode failed")
	}
	return c.JSON(http.StatusOK, map[string]string{"output": filepath.Base(dst)})
}
