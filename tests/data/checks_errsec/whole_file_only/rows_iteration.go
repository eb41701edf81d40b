// Fixture for GO-ROWS-ERR-UNCHECKED: rows iterated with `Next` must have `Err` checked afterwards (or be
// handed to code that may). `// expect: ID` marks the line a finding must land on.
package catalog

import (
	"context"
	"database/sql"
	"math/rand"

	"github.com/jmoiron/sqlx"
)

type Store struct {
	db  *sql.DB
	dbx *sqlx.DB
}

func (s *Store) titles(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT title FROM books") // expect: GO-ROWS-ERR-UNCHECKED
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, err
		}
		out = append(out, title)
	}
	return out, nil
}

func (s *Store) titlesChecked(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT title FROM books")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var title string
		if err := rows.Scan(&title); err != nil {
			return nil, err
		}
		out = append(out, title)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) firstAuthor(ctx context.Context, id int) (string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM authors WHERE book_id = $1", id) // expect: GO-ROWS-ERR-UNCHECKED
	if err != nil {
		return "", err
	}
	defer func() { _ = rows.Close() }()
	var name string
	if rows.Next() {
		err = rows.Scan(&name)
	}
	return name, err
}

func (s *Store) firstAuthorChecked(ctx context.Context, id int) (string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM authors WHERE book_id = $1", id)
	if err != nil {
		return "", err
	}
	defer func() { _ = rows.Close() }()
	var name string
	if rows.Next() {
		return name, rows.Scan(&name)
	}
	return "", rows.Err()
}

func (s *Store) shelves() (int, error) {
	var rows *sql.Rows
	var err error
	if rand.Intn(2) == 0 {
		rows, err = s.db.Query("SELECT id FROM shelves") // expect: GO-ROWS-ERR-UNCHECKED
	} else {
		rows, err = s.db.Query("SELECT id FROM shelves ORDER BY id DESC") // expect: GO-ROWS-ERR-UNCHECKED
	}
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, nil
}

func (s *Store) shelvesChecked() (int, error) {
	var rows *sql.Rows
	var err error
	if rand.Intn(2) == 0 {
		rows, err = s.db.Query("SELECT id FROM shelves")
	} else {
		rows, err = s.db.Query("SELECT id FROM shelves ORDER BY id DESC")
	}
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

type Book struct {
	ID    int    `db:"id"`
	Title string `db:"title"`
}

func (s *Store) books(ctx context.Context) ([]Book, error) {
	rows, err := s.dbx.QueryxContext(ctx, "SELECT id, title FROM books") // expect: GO-ROWS-ERR-UNCHECKED
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Book
	for rows.Next() {
		var b Book
		if err := rows.StructScan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

func (s *Store) booksScanned(ctx context.Context) ([]Book, error) {
	rows, err := s.dbx.QueryxContext(ctx, "SELECT id, title FROM books")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanBooks(rows)
}

func scanBooks(rows *sqlx.Rows) ([]Book, error) {
	var out []Book
	for rows.Next() {
		var b Book
		if err := rows.StructScan(&b); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func (s *Store) stream(ctx context.Context, out chan<- *sql.Rows) error {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM books")
	if err != nil {
		return err
	}
	if rows.Next() {
		out <- rows
	}
	return nil
}

func (s *Store) exists(ctx context.Context, id int) (bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT 1 FROM books WHERE id = $1", id) // expect: GO-ROWS-ERR-UNCHECKED
	if err != nil {
		return false, err
	}
	defer rows.Close()
	return rows.Next(), nil
}

func (s *Store) existsChecked(ctx context.Context, id int) (bool, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT 1 FROM books WHERE id = $1", id)
	if err != nil {
		return false, err
	}
	defer rows.Close()
	if rows.Next() {
		return true, nil
	}
	return false, rows.Err()
}

func (s *Store) shelvesLeaked(desc bool) (int, error) {
	var rows *sql.Rows
	var err error
	switch {
	case desc:
		rows, err = s.db.Query("SELECT id FROM shelves ORDER BY id DESC") // expect: GO-ROWS-UNCLOSED
	default:
		rows, err = s.db.Query("SELECT id FROM shelves") // expect: GO-ROWS-UNCLOSED
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func (s *Store) shelvesTwice() (int, error) {
	rows, err := s.db.Query("SELECT id FROM shelves") // expect: GO-ROWS-UNCLOSED, GO-ERR-OVERWRITTEN
	rows, err = s.db.Query("SELECT id FROM shelves ORDER BY id DESC")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func (s *Store) shelvesSwitched(desc bool) (int, error) {
	var rows *sql.Rows
	var err error
	switch {
	case desc:
		rows, err = s.db.Query("SELECT id FROM shelves ORDER BY id DESC")
	default:
		rows, err = s.db.Query("SELECT id FROM shelves")
	}
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

func (s *Store) shelvesOrDefault(desc bool) (*sql.Rows, error) {
	rows, err := s.db.Query("SELECT id FROM shelves") // expect: GO-ERR-OVERWRITTEN
	if desc {
		return rows, nil
	} else {
		rows, err = s.db.Query("SELECT id FROM shelves ORDER BY id DESC")
	}
	return rows, err
}
