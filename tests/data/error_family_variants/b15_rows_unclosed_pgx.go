// want: GO-ROWS-UNCLOSED
package svc

func (r *Repo) Names(ctx context.Context) ([]string, error) {
	rows, err := r.pool.Query(ctx, "SELECT name FROM users")
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
