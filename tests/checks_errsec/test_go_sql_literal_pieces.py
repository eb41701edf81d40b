"""GO-SQL-STRING: SQL assembled only from pieces written as literals is not injectable. A slice that is only
ever given literal text or bind marks (a column list, `name = ?` conditions, also appended beside their
argument in `where, args = append(where, "a = ?"), append(args, a)`), a `%d` value of `fmt.Sprintf`, the
query's own text formatted back into it, a `placeholder(n)` helper and `pgx.Identifier{}.Sanitize()` stay
quiet. A slice given a request value, or handed to another function by pointer, and a `%s` value are
still reported."""

from __future__ import annotations

from .helpers import findings_for_snippet

_PATH = "store/db/memo.go"

LITERAL_PIECES = '''package store

func (d *DB) ListMemos(ctx context.Context, find *FindMemo) (*sql.Rows, error) {
	where, args := []string{"1 = 1"}, []any{}
	if v := find.CreatorID; v != nil {
		where, args = append(where, "creator_id = "+placeholder(len(args)+1)), append(args, *v)
	}
	if len(find.IDs) > 0 {
		holders := make([]string, 0, len(find.IDs))
		for _, id := range find.IDs {
			holders = append(holders, placeholder(len(args)+1))
			args = append(args, id)
		}
		where = append(where, "id IN ("+strings.Join(holders, ", ")+")")
	}
	fields := []string{
		"id",
		"content",
	}
	query := "SELECT " + strings.Join(fields, ", ") + " FROM memo WHERE " + strings.Join(where, " AND ")
	if find.Limit != nil {
		query = fmt.Sprintf("%s LIMIT %d", query, *find.Limit)
	}
	return d.db.QueryContext(ctx, query, args...)
}

func (d *DB) Sorted(ctx context.Context, column string) (pgx.Rows, error) {
	query := fmt.Sprintf("SELECT id FROM memo ORDER BY %s", pgx.Identifier{column}.Sanitize())
	return d.pool.Query(ctx, query)
}
'''

VALUE_IN_A_PIECE = '''package store

func (d *DB) ListMemos(ctx context.Context, r *http.Request) (*sql.Rows, error) {
	where := []string{"1 = 1"}
	if q := r.URL.Query().Get("tag"); q != "" {
		where = append(where, "tag = '"+q+"'")
	}
	query := "SELECT id FROM memo WHERE " + strings.Join(where, " AND ")
	return d.db.QueryContext(ctx, query)
}
'''

HANDED_OVER = '''package store

func (d *DB) ListMemos(ctx context.Context, filters []string) (*sql.Rows, error) {
	where, args := []string{"1 = 1"}, []any{}
	appendFilters(filters, &where, &args)
	query := "SELECT id FROM memo WHERE " + strings.Join(where, " AND ")
	return d.db.QueryContext(ctx, query, args...)
}
'''

TEXT_VERB = '''package store

func (d *DB) ListMemos(ctx context.Context, order string) (*sql.Rows, error) {
	query := "SELECT id FROM memo"
	query = fmt.Sprintf("%s ORDER BY %s", query, order)
	return d.db.QueryContext(ctx, query)
}
'''


def test_literal_pieces_are_quiet() -> None:
    assert "GO-SQL-STRING" not in findings_for_snippet(_PATH, LITERAL_PIECES)


def test_a_value_appended_to_the_slice_is_reported() -> None:
    assert "GO-SQL-STRING" in findings_for_snippet(_PATH, VALUE_IN_A_PIECE)


def test_a_slice_handed_over_by_pointer_is_reported() -> None:
    assert "GO-SQL-STRING" in findings_for_snippet(_PATH, HANDED_OVER)


def test_a_text_verb_is_reported() -> None:
    assert "GO-SQL-STRING" in findings_for_snippet(_PATH, TEXT_VERB)


FORMATTED_PIECES = '''package store

func (d *DB) ListUsers(ctx context.Context, names []string, limit int) (*sql.Rows, error) {
	where, args := []string{"1 = 1"}, []any{}
	holders := []string{}
	for _, name := range names {
		holders = append(holders, placeholder(len(args)+1))
		args = append(args, name)
	}
	where = append(where, fmt.Sprintf("username IN (%s)", strings.Join(holders, ", ")))
	query := "SELECT id FROM users WHERE " + strings.Join(where, " AND ")
	query += fmt.Sprintf(" LIMIT %d", limit)
	return d.db.QueryContext(ctx, query, args...)
}
'''

FORMATTED_VALUE = '''package store

func (d *DB) ListUsers(ctx context.Context, role string) (*sql.Rows, error) {
	where := []string{"1 = 1"}
	where = append(where, fmt.Sprintf("role = '%s'", role))
	query := "SELECT id FROM users WHERE " + strings.Join(where, " AND ")
	query += fmt.Sprintf(" ORDER BY %s", role)
	return d.db.QueryContext(ctx, query)
}
'''


def test_pieces_formatted_from_pieces_and_digits_are_quiet() -> None:
    assert "GO-SQL-STRING" not in findings_for_snippet(_PATH, FORMATTED_PIECES)


def test_a_value_formatted_into_a_piece_is_reported() -> None:
    assert "GO-SQL-STRING" in findings_for_snippet(_PATH, FORMATTED_VALUE)
