// clean: GO-ERR-LOGGED-CONTINUES
package svc

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"
)

type ResizeArgs struct {
	ImageID int64 `json:"image_id"`
}

func (ResizeArgs) Kind() string { return "resize_image" }

type ResizeWorker struct {
	river.WorkerDefaults[ResizeArgs]
	images ImageStore
	log    *slog.Logger
}

func (w *ResizeWorker) Work(ctx context.Context, job *river.Job[ResizeArgs]) error {
	img, err := w.images.Load(ctx, job.Args.ImageID)
	if err != nil {
		w.log.Warn("load image failed", "image", job.Args.ImageID, "attempt", job.Attempt, "err", err)
		return fmt.Errorf("load image %d: %w", job.Args.ImageID, err)
	}
	if err := w.images.SaveThumbnail(ctx, img.Resize(320)); err != nil {
		return fmt.Errorf("save thumbnail %d: %w", job.Args.ImageID, err)
	}
	return nil
}
