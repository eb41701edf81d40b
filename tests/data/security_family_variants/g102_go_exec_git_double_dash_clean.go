// clean: GO-ARG-INJECTION
package gitops

import (
	"context"
	"os/exec"
	"strings"
)

func (r *Repo) FileLog(ctx context.Context, path string) ([]string, error) {
	cmd := exec.CommandContext(ctx, "git", "-C", r.dir, "log", "--format=%H", "--", path)
	out, err := cmd.Output()
	if err != nil {
		return nil, err
	}
	return strings.Fields(string(out)), nil
}
