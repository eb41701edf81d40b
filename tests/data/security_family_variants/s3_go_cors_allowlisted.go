// clean: GO-CORS-REFLECTED-ORIGIN
package api

import "net/http"

var trusted = map[string]bool{"https://app.example.com": true}

func CORS(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if origin := r.Header.Get("Origin"); trusted[origin] {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			w.Header().Set("Access-Control-Allow-Credentials", "true")
			w.Header().Set("Vary", "Origin")
		}
		next.ServeHTTP(w, r)
	})
}
