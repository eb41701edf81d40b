// want: GO-SQL-STRING
package api

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
)

type Server struct{ db *sql.DB }

func (s *Server) loadNames(ids []string) ([]string, error) {
	query := fmt.Sprintf("SELECT name FROM users WHERE id IN (%s)", strings.Join(ids, ","))
	rows, err := s.db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		names = append(names, n)
	}
	return names, rows.Err()
}

func (s *Server) Names(w http.ResponseWriter, r *http.Request) {
	names, err := s.loadNames(r.URL.Query()["id"])
	if err != nil {
		http.Error(w, "lookup failed", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(names)
}
