package store

import (
	"context"
	"database/sql"
)

type Store struct {
	db *sql.DB
}

func (s *Store) Transfer(ctx context.Context, from, to, amount int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $2 WHERE id = $1", from, amount); err != nil {
		return err
	}
	if _, err := s.db.ExecContext(ctx, "UPDATE accounts SET balance = balance + $2 WHERE id = $1", to, amount); err != nil { // expect: GO-TX-OUTER-HANDLE
		return err
	}
	return tx.Commit()
}

func (s *Store) TransferOnTx(ctx context.Context, from, to, amount int64) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance - $2 WHERE id = $1", from, amount); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "UPDATE accounts SET balance = balance + $2 WHERE id = $1", to, amount); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *Store) Reserve(ctx context.Context, seatID, userID int64) error {
	var taken bool
	if err := s.db.QueryRowContext(ctx, "SELECT taken FROM seats WHERE id = $1 FOR UPDATE", seatID).Scan(&taken); err != nil { // expect: GO-FOR-UPDATE-NO-TX
		return err
	}
	if taken {
		return ErrTaken
	}
	_, err := s.db.ExecContext(ctx, "UPDATE seats SET taken = true, user_id = $2 WHERE id = $1", seatID, userID)
	return err
}

func (s *Store) Claim(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.QueryRowContext(ctx, `UPDATE jobs SET state = 'running'
		WHERE id = (SELECT id FROM jobs WHERE state = 'queued' LIMIT 1 FOR UPDATE SKIP LOCKED)
		RETURNING id`).Scan(&id)
	return id, err
}
