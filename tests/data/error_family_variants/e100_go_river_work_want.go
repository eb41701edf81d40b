// want: GO-QUEUE-HANDLER-FAILURE-SWALLOWED
package jobs

import (
	"context"
	"log/slog"

	"github.com/riverqueue/river"

	"example.com/app/internal/search"
)

type ReindexArgs struct {
	ProductID int64 `json:"product_id"`
}

func (ReindexArgs) Kind() string { return "reindex_product" }

type ReindexWorker struct {
	river.WorkerDefaults[ReindexArgs]
	Index *search.Index
}

func (w *ReindexWorker) Work(ctx context.Context, job *river.Job[ReindexArgs]) error {
	if err := w.Index.Upsert(ctx, job.Args.ProductID); err != nil {
		slog.Warn("reindex failed", "product", job.Args.ProductID, "err", err)
		return nil
	}
	return nil
}
