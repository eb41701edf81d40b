package repo

import (
	"net/http"
	"os/exec"
)

func Clone(w http.ResponseWriter, r *http.Request) {
	url := r.URL.Query().Get("repo")
	if err := exec.Command("git", "clone", url, "/srv/checkout").Run(); err != nil { // expect: GO-ARG-INJECTION
		http.Error(w, "clone failed", http.StatusBadGateway)
		return
	}
	branch := r.FormValue("branch")
	if err := exec.Command("git", "checkout", "--", branch).Run(); err != nil {
		return
	}
	if err := exec.Command("git", "fetch", "origin", "refs/heads/"+branch).Run(); err != nil {
		return
	}
	if err := exec.Command("git", "log", "--author="+branch).Run(); err != nil {
		return
	}
	if err := exec.Command("/usr/bin/curl", "-s", r.FormValue("u")).Run(); err != nil { // expect: GO-ARG-INJECTION
		return
	}
	if err := exec.CommandContext(r.Context(), "tar", "-xf", r.FormValue("archive")).Run(); err != nil { // expect: GO-ARG-INJECTION
		return
	}
	if err := exec.Command("thumbnailer", r.FormValue("in")).Run(); err != nil {
		return
	}
}
