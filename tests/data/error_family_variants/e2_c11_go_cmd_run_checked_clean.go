// clean: GO-ERR-UNCHECKED
package media

import (
	"context"
	"fmt"
	"os/exec"
)

func (t *Transcoder) Poster(ctx context.Context, src, dst string) error {
	cmd := exec.CommandContext(ctx, "ffmpeg", "-y", "-i", src, "-frames:v", "1", dst)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("ffmpeg: %w: %s", err, out)
	}
	return t.store.Put(ctx, dst)
}
