// Fixture for the Go resource and request-scope checks. `// expect: ID` marks the line a finding must land on.
package orders

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"time"
)

type Server struct {
	db     *sql.DB
	client *http.Client
	audit  Auditor
}

func (s *Server) quote(url string) ([]byte, error) {
	resp, err := s.client.Get(url) // expect: GO-HTTP-BODY-UNCLOSED
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("quote: status %d", resp.StatusCode)
	}
	return io.ReadAll(resp.Body)
}

func (s *Server) quoteClosed(url string) ([]byte, error) {
	resp, err := s.client.Get(url) // expect: GO-HTTP-STATUS-UNCHECKED
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

func (s *Server) send(req *http.Request) (*http.Response, error) {
	resp, err := s.client.Do(req)
	return resp, err
}

func (s *Server) names(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT name FROM orders") // expect: GO-ROWS-UNCLOSED
	if err != nil {
		return nil, err
	}
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, rows.Err()
}

func (s *Server) ids(ctx context.Context) ([]int, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM orders")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return scanIDs(rows)
}

func (s *Server) notify(ctx context.Context, url string) error {
	req, err := http.NewRequest(http.MethodPost, url, nil) // expect: GO-CONTEXT-DROPPED
	if err != nil {
		return err
	}
	bound, err := http.NewRequestWithContext(ctx, http.MethodPost, url, nil)
	if err != nil {
		return err
	}
	return s.send2(req, bound)
}

func (s *Server) total(ctx context.Context, id int) (int, error) {
	var n int
	err := s.db.QueryRowContext(context.Background(), "SELECT total FROM orders WHERE id = $1", id).Scan(&n) // expect: GO-CONTEXT-DROPPED
	return n, err
}

func (s *Server) show(w http.ResponseWriter, r *http.Request) {
	order, err := s.find(context.TODO(), r.URL.Query().Get("id")) // expect: GO-CONTEXT-DROPPED
	if err != nil {
		log.Fatalf("find order: %v", err) // expect: GO-EXIT-IN-HANDLER
	}
	go func() { // expect: GO-GOROUTINE-REQUEST-SCOPE
		s.audit.Record(r.Context(), order.ID)
	}()
	go func(id int) {
		s.audit.Record(context.Background(), id)
	}(order.ID)
	if err := json.NewEncoder(w).Encode(order); err != nil {
		http.Error(w, "encode failed", http.StatusInternalServerError)
	}
}

func (s *Server) export(w http.ResponseWriter, r *http.Request) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s.audit.Record(r.Context(), 0)
	}()
	wg.Wait()
}

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := run(ctx); err != nil {
		log.Fatal(err)
		os.Exit(1)
	}
}
