// Fixture: a deferred closure that sets the named error result without looking at it.
package archive

func WriteSnapshot(path string, snap *Snapshot) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		err = f.Close() // expect: GO-DEFER-ERR-OVERWRITE
	}()
	return gob.NewEncoder(f).Encode(snap)
}

func (s *Store) Apply(ctx context.Context, ops []Op) (n int, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer func() {
		err = tx.Commit() // expect: GO-DEFER-ERR-OVERWRITE
	}()
	for _, op := range ops {
		if _, err = tx.ExecContext(ctx, op.SQL, op.Args...); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

func WriteSnapshotKeepsFirst(path string, snap *Snapshot) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return gob.NewEncoder(f).Encode(snap)
}

func WriteSnapshotJoined(path string, snap *Snapshot) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		err = errors.Join(err, f.Close())
	}()
	return gob.NewEncoder(f).Encode(snap)
}

func WriteSnapshotGuarded(path string, snap *Snapshot) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			return
		}
		err = f.Close()
	}()
	return gob.NewEncoder(f).Encode(snap)
}

func Report(err error) {
	// `err` is a parameter here, not a result: the assignment changes nothing the caller sees
	defer func() {
		err = notify(err)
	}()
	log.Println(err)
}

func Handle(w http.ResponseWriter, r *http.Request) (err error) {
	defer func() {
		if rec := recover(); rec != nil {
			err = fmt.Errorf("panic: %v", rec)
		}
	}()
	return serve(w, r)
}
