// want: GO-ERR-UNCHECKED
package media

import (
	"context"
	"os/exec"
)

func (t *Transcoder) Poster(ctx context.Context, src, dst string) error {
	cmd := exec.CommandContext(ctx, "ffmpeg", "-y", "-i", src, "-frames:v", "1", dst)
	cmd.Run()
	return t.store.Put(ctx, dst)
}
