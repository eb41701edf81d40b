package accounts

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"io"
)

var ErrLocked = errors.New("account locked")

func (s *Service) Open(ctx context.Context, id string) (*Account, error) {
	acct, err := s.store.Account(ctx, id)
	if err == ErrLocked { // expect: GO-ERR-COMPARE
		return nil, fmt.Errorf("account %s: %w", id, err)
	}
	if err != nil && err != sql.ErrNoRows { // expect: GO-ERR-COMPARE
		return nil, fmt.Errorf("open %s: %w", id, err)
	}
	return acct, nil
}

func (s *Store) Account(ctx context.Context, id string) (*Account, error) {
	var a Account
	err := s.db.QueryRowContext(ctx, `SELECT id, state FROM accounts WHERE id = $1`, id).Scan(&a.ID, &a.State)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if errors.Is(err, ErrLocked) {
		return nil, err
	}
	return &a, err
}

func lines(r io.Reader) (int, error) {
	br := bufio.NewReader(r)
	n := 0
	for {
		_, err := br.ReadString('\n')
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}
