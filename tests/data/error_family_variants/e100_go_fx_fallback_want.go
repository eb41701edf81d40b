// want: ANY-FAILURE-FALLBACK-VALUE
package pricing

import (
	"context"
	"log/slog"

	"github.com/shopspring/decimal"
)

type Converter struct {
	rates RateSource
}

func (c *Converter) Rate(ctx context.Context, from, to string) decimal.Decimal {
	r, err := c.rates.Lookup(ctx, from, to)
	if err != nil {
		slog.WarnContext(ctx, "rate lookup failed, using parity", "from", from, "to", to, "err", err)
		return decimal.NewFromInt(1)
	}
	return r
}

func (c *Converter) Convert(ctx context.Context, amount decimal.Decimal, from, to string) decimal.Decimal {
	return amount.Mul(c.Rate(ctx, from, to)).Round(2)
}
