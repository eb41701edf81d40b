// want: ANY-FAILURE-FALLBACK-VALUE
package credit

import (
	"context"
	"log"
)

type Checker struct {
	bureau Bureau
}

func (c *Checker) Approved(ctx context.Context, customerID string, amountCents int64) bool {
	score, err := c.bureau.Score(ctx, customerID)
	if err != nil {
		log.Printf("bureau score for %s failed: %v", customerID, err)
		return true
	}
	return score >= 640 && amountCents <= 500_000
}
