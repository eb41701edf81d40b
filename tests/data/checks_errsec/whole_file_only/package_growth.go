package tracking

import (
	"net/http"
	"sync"
	"time"
)

var (
	mu       sync.Mutex
	lastSeen = map[string]time.Time{}
	active   = map[string]time.Time{}
	drivers  = map[string]string{}
)

func Register(name, driver string) {
	mu.Lock()
	defer mu.Unlock()
	drivers[name] = driver
}

func Seen(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	lastSeen[r.RemoteAddr] = time.Now() // expect: GO-PACKAGE-STATE-UNBOUNDED
	active[r.URL.Query().Get("session")] = time.Now()
	w.WriteHeader(http.StatusNoContent)
}

func Logout(w http.ResponseWriter, r *http.Request) {
	mu.Lock()
	defer mu.Unlock()
	delete(active, r.URL.Query().Get("session"))
	w.WriteHeader(http.StatusNoContent)
}
