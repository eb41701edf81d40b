package media

import (
	"net/http"
	"os/exec"
)

func (s *Service) StartTranscode(src, dst string) error {
	cmd := exec.Command(s.ffmpeg, "-i", src, dst)
	return cmd.Start() // expect: GO-CMD-NOT-WAITED
}

func (s *Service) StartWatched(src, dst string) error {
	cmd := exec.Command(s.ffmpeg, "-i", src, dst)
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() { _ = cmd.Wait() }()
	return nil
}

func (s *Service) StartKept(src string) (*exec.Cmd, error) {
	cmd := exec.Command(s.ffmpeg, "-i", src)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

func (s *Service) Version(w http.ResponseWriter, r *http.Request) {
	out, _ := exec.Command(s.ffmpeg, "-version").Output() // expect: GO-EXEC-NO-TIMEOUT-IN-HANDLER
	w.Write(out)
}

func (s *Service) VersionBounded(w http.ResponseWriter, r *http.Request) {
	out, err := exec.CommandContext(r.Context(), s.ffmpeg, "-version").Output()
	if err != nil {
		http.Error(w, "ffmpeg unavailable", http.StatusServiceUnavailable)
		return
	}
	w.Write(out)
}
