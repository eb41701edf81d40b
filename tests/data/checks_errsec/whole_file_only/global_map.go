package ratelimit

import (
	"net/http"
	"time"
)

var lastSeen = map[string]time.Time{}

var (
	hits  = make(map[string]int)
	names = []string{"a"}
)

func Throttle(interval time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("X-Api-Key")
		if t, ok := lastSeen[key]; ok && time.Since(t) < interval {
			http.Error(w, "too many requests", http.StatusTooManyRequests)
			return
		}
		lastSeen[key] = time.Now() // expect: GO-GLOBAL-MAP-UNLOCKED
		next.ServeHTTP(w, r)
	})
}

func Count(c *gin.Context) {
	hits[c.ClientIP()]++ // expect: GO-GLOBAL-MAP-UNLOCKED
}

func init() {
	lastSeen["boot"] = time.Now()
}

func reset() {
	hits["x"] = 0
	names[0] = "b"
}
