// clean: GO-ARG-INJECTION
package gitsvc

import (
	"context"
	"errors"
	"os/exec"
	"regexp"
)

var branchRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$`)

func (s *Service) Checkout(ctx context.Context, repoDir, branch string) error {
	if !branchRe.MatchString(branch) {
		return errors.New("invalid branch name")
	}
	cmd := exec.CommandContext(ctx, "git", "-C", repoDir, "switch", "--", branch)
	return cmd.Run()
}
