// want: GO-DEFER-IN-LOOP
package svc

func (r *Repo) Tags(ctx context.Context, ids []int64) (map[int64][]string, error) {
	out := map[int64][]string{}
	for _, id := range ids {
		rows, err := r.db.QueryContext(ctx, "SELECT tag FROM tags WHERE post_id = $1", id)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				return nil, err
			}
			out[id] = append(out[id], t)
		}
	}
	return out, nil
}
