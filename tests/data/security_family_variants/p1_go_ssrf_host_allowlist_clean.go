// clean: GO-SSRF
package webhooks

import (
	"net/http"
	"net/url"
	"time"
)

var allowedHosts = map[string]bool{"hooks.slack.com": true, "discord.com": true}

var client = &http.Client{Timeout: 10 * time.Second}

func Ping(w http.ResponseWriter, r *http.Request) {
	target, err := url.Parse(r.FormValue("url"))
	if err != nil || target.Scheme != "https" || !allowedHosts[target.Hostname()] {
		http.Error(w, "unsupported webhook host", http.StatusBadRequest)
		return
	}
	resp, err := client.Post(target.String(), "application/json", nil)
	if err != nil {
		http.Error(w, "webhook unreachable", http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.WriteHeader(http.StatusNoContent)
}
