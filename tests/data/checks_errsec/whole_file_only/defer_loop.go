// Fixture for the check on defer inside loops. `// expect: ID` marks the line a finding must land on.
package export

import (
	"database/sql"
	"os"
	"sync"
)

func sizes(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		defer f.Close() // expect: GO-DEFER-IN-LOOP
		info, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += info.Size()
	}
	return total, nil
}

func sizesScoped(paths []string) (int64, error) {
	var total int64
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			info, err := f.Stat()
			total += info.Size()
			return err
		}()
		if err != nil {
			return 0, err
		}
	}
	return total, nil
}

func firstMatch(db *sql.DB, queries []string) (*sql.Rows, error) {
	for _, q := range queries {
		rows, err := db.Query(q)
		if err != nil {
			continue
		}
		defer rows.Close()
		return nil, scan(rows)
	}
	return nil, nil
}

func drain(mu *sync.Mutex, jobs <-chan func()) {
	for job := range jobs {
		mu.Lock()
		defer mu.Unlock() // expect: GO-DEFER-IN-LOOP
		job()
	}
}

func once(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		if _, err := f.Stat(); err == nil {
			return nil
		}
	}
	return nil
}

func scan(rows *sql.Rows) error {
	return rows.Err()
}
