// clean: GO-SHELL-INJECTION
package thumbs

import (
	"context"
	"fmt"
	"os/exec"
	"time"
)

func Render(ctx context.Context, src, dst string, width int) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ffmpeg", "-y", "-i", src, "-vf", fmt.Sprintf("scale=%d:-1", width), "-frames:v", "1", dst)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("ffmpeg: %w: %s", err, out)
	}
	return nil
}
