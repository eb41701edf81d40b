package svc

func A(url string) error {
	resp, err := http.Get(url) // expect: GO-HTTP-NO-TIMEOUT, GO-DEFER-BEFORE-ERR-CHECK
	defer resp.Body.Close()
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	rows, err := db.QueryContext(ctx, // expect: GO-DEFER-BEFORE-ERR-CHECK
		"SELECT 1")
	defer rows.Close()
	if err != nil {
		return err
	}
	return nil
}

func B(db *sql.DB) error {
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err = tx.Exec(q); err != nil {
		return err
	}
	return tx.Commit()
}
