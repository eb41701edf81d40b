package svc

func Transfer(ctx context.Context, db *sql.DB, from, to int64) error {
	tx, err := db.BeginTx(ctx, nil) // expect: GO-TX-NO-ROLLBACK
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, debit, from); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, credit, to); err != nil {
		return err
	}
	return tx.Commit()
}

func Guarded(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, debit); err != nil {
		return err
	}
	return tx.Commit()
}

func Straight(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	tx.Exec(q) // expect: GO-ERR-UNCHECKED
	return tx.Commit()
}

func Handed(db *sql.DB) (err error) {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer finish(tx, &err)
	if _, err = tx.Exec(q); err != nil {
		return err
	}
	return tx.Commit()
}

func PostAll(ctx context.Context, db *sqlx.DB, entries []Entry) error {
	tx, err := db.BeginTxx(ctx, nil) // expect: GO-TX-NO-ROLLBACK
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Amount == 0 {
			return errZero
		}
		if _, err := tx.NamedExecContext(ctx, insert, e); err != nil {
			_ = tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

func RolledBackOnEveryPath(ctx context.Context, db *sqlx.DB, entries []Entry) error {
	tx, err := db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if e.Amount == 0 {
			return errors.Join(errZero, tx.Rollback())
		}
		if _, err := tx.NamedExecContext(ctx, insert, e); err != nil {
			if rbErr := tx.Rollback(); rbErr != nil {
				log.Printf("rollback: %v", rbErr)
			}
			return err
		}
	}
	return tx.Commit()
}

func DeferredClosure(ctx context.Context, db *sql.DB) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = tx.Rollback()
		}
	}()
	if _, err = tx.ExecContext(ctx, debit); err != nil {
		return err
	}
	return tx.Commit()
}
