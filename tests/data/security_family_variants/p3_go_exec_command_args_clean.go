// clean: GO-SHELL-INJECTION
package convert

import (
	"context"
	"os/exec"
	"path/filepath"
	"time"
)

func ToText(ctx context.Context, pdfPath string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	out := filepath.Join(filepath.Dir(pdfPath), "out.txt")
	cmd := exec.CommandContext(ctx, "pdftotext", "-layout", "--", pdfPath, out)
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return readAll(out)
}
