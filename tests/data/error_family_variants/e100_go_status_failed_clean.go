// clean: GO-ERROR-ANSWERED-OK
package exports

import (
	"context"
	"log/slog"
	"time"
)

type Runner struct {
	repo    Repository
	builder Builder
}

func (r *Runner) Run(ctx context.Context, exportID int64) error {
	exp, err := r.repo.Get(ctx, exportID)
	if err != nil {
		return err
	}
	if err := r.builder.Build(ctx, exp); err != nil {
		slog.Error("build export", "id", exportID, "err", err)
		exp.Status = StatusFailed
		exp.Error = err.Error()
	} else {
		exp.Status = StatusDone
	}
	exp.FinishedAt = time.Now()
	return r.repo.Save(ctx, exp)
}
