package credit

import (
	"context"
	"log"
)

func (c *Checker) Approved(ctx context.Context, customerID string) bool {
	score, err := c.bureau.Score(ctx, customerID)
	if err != nil { // expect: ANY-FAILURE-FALLBACK-VALUE
		log.Printf("bureau score for %s failed: %v", customerID, err)
		return true
	}
	return score >= 640
}

func (c *Checker) Limit(ctx context.Context, customerID string) (int64, error) {
	limit, err := c.bureau.Limit(ctx, customerID)
	if err != nil {
		log.Printf("bureau limit for %s failed: %v", customerID, err)
		return 0, err
	}
	return limit, nil
}
