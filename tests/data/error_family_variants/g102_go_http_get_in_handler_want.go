// want: GO-HTTP-NO-TIMEOUT
package handlers

import (
	"encoding/json"
	"net/http"
)

func (h *Handler) Weather(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Get("https://api.weather.example/v1/current?city=" + h.city(r))
	if err != nil {
		http.Error(w, "upstream error", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	var body map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		http.Error(w, "upstream error", http.StatusBadGateway)
		return
	}
	_ = json.NewEncoder(w).Encode(body)
}
