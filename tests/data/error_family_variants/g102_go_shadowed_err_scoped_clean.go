// clean: GO-ERR-SHADOWED
package importer

import (
	"context"
	"fmt"
)

func (i *Importer) Import(ctx context.Context, items []Item) (n int, err error) {
	for _, it := range items {
		if err := it.Validate(); err != nil {
			return n, fmt.Errorf("item %s: %w", it.ID, err)
		}
		if err := i.store.Put(ctx, it); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
