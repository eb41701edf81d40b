// clean: ANY-FAILURE-FALLBACK-VALUE
package pricing

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
)

type Converter struct {
	rates RateSource
}

func (c *Converter) Rate(ctx context.Context, from, to string) (decimal.Decimal, error) {
	r, err := c.rates.Lookup(ctx, from, to)
	if err != nil {
		return decimal.Zero, fmt.Errorf("rate %s/%s: %w", from, to, err)
	}
	return r, nil
}
