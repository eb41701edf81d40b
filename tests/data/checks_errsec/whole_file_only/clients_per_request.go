package api

import (
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
)

type Handler struct {
	db    *sql.DB
	dsn   string
	cache *redis.Client
	pools map[string]*pgxpool.Pool
}

func (h *Handler) Orders(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", h.dsn) // expect: GO-CLIENT-PER-REQUEST
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	var n int
	if err := db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&n); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	_ = json.NewEncoder(w).Encode(n)
}

func (h *Handler) OrdersShared(w http.ResponseWriter, r *http.Request) {
	var n int
	if err := h.db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&n); err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	_ = json.NewEncoder(w).Encode(n)
}

func (h *Handler) TestConnection(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", r.FormValue("dsn"))
	if err != nil {
		http.Error(w, "bad dsn", http.StatusBadRequest)
		return
	}
	defer db.Close()
	if err := db.PingContext(r.Context()); err != nil {
		http.Error(w, "cannot connect", http.StatusBadGateway)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (h *Handler) Count(w http.ResponseWriter, r *http.Request) {
	db, err := sql.Open("postgres", os.Getenv("DATABASE_URL")) // expect: GO-CLIENT-PER-REQUEST
	if err != nil {
		http.Error(w, "unavailable", http.StatusServiceUnavailable)
		return
	}
	defer db.Close()
	var n int
	_ = db.QueryRowContext(r.Context(), "SELECT count(*) FROM orders").Scan(&n)
	_ = json.NewEncoder(w).Encode(n)
}

func (h *Handler) Probe(w http.ResponseWriter, r *http.Request) {
	dsn := r.URL.Query().Get("dsn")
	db, err := sql.Open("mysql", dsn)
	if err != nil {
		http.Error(w, "bad dsn", http.StatusBadRequest)
		return
	}
	defer db.Close()
	if err := db.PingContext(r.Context()); err != nil {
		http.Error(w, "cannot connect", http.StatusBadGateway)
	}
}

func (h *Handler) Visit(c *gin.Context) {
	rdb := redis.NewClient(&redis.Options{Addr: "cache:6379"}) // expect: GO-CLIENT-PER-REQUEST
	if err := rdb.Incr(c.Request.Context(), "visits").Err(); err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "unavailable"})
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *Handler) Tenant(c *gin.Context) {
	pool, err := pgxpool.New(c.Request.Context(), c.GetString("tenant_dsn"))
	if err != nil {
		c.JSON(http.StatusServiceUnavailable, gin.H{"error": "unavailable"})
		return
	}
	h.pools[c.GetString("tenant")] = pool
	c.Status(http.StatusNoContent)
}

func (h *Handler) Proxy(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{
		Timeout:   10 * time.Second,
		Transport: &http.Transport{MaxIdleConns: 10}, // expect: GO-CLIENT-PER-REQUEST
	}
	resp, err := client.Get("https://upstream.example.test" + r.URL.Path)
	if err != nil {
		http.Error(w, "upstream", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

func (h *Handler) ProxyOnce(w http.ResponseWriter, r *http.Request) {
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Get("https://upstream.example.test" + r.URL.Path)
	if err != nil {
		http.Error(w, "upstream", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(resp.StatusCode)
}

func NewHandler(dsn string) (*Handler, error) {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	return &Handler{db: db, dsn: dsn, cache: redis.NewClient(&redis.Options{Addr: "cache:6379"})}, nil
}
