// clean: GO-SQL-STRING
package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

type Tag struct {
	ItemID int64
	Name   string
}

func SaveTags(ctx context.Context, pool *pgxpool.Pool, accountID int64, tags []Tag) error {
	batch := &pgx.Batch{}
	for _, t := range tags {
		batch.Queue(
			"INSERT INTO item_tags (account_id, item_id, name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
			accountID, t.ItemID, t.Name,
		)
	}
	results := pool.SendBatch(ctx, batch)
	defer results.Close()
	for range tags {
		if _, err := results.Exec(); err != nil {
			return fmt.Errorf("save tag: %w", err)
		}
	}
	return results.Close()
}
