// clean: GO-RESOURCE-HELD-ON-RETURN
package render

import (
	"context"

	"golang.org/x/sync/semaphore"
)

type Renderer struct {
	sem *semaphore.Weighted
}

func (r *Renderer) Render(ctx context.Context, doc Document) ([]byte, error) {
	if err := r.sem.Acquire(ctx, 1); err != nil {
		return nil, err
	}
	defer r.sem.Release(1)
	if doc.Empty() {
		return nil, ErrEmptyDocument
	}
	return r.render(ctx, doc)
}
