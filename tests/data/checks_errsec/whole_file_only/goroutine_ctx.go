package notify

import (
	"context"
	"encoding/csv"
	"errors"
	"log/slog"
	"net/http"
	"os"
)

type Handler struct {
	mailer *Mailer
	queue  *Queue
}

func (h *Handler) Signup(w http.ResponseWriter, r *http.Request) {
	email := r.FormValue("email")
	go h.mailer.SendWelcome(context.Background(), email) // expect: GO-ERR-UNCHECKED, GO-CONTEXT-DROPPED
	go func() {
		h.mailer.SendReceipt(context.Background(), email) // expect: GO-ERR-UNCHECKED
	}()
	go func() {
		if err := h.mailer.SendNotice(context.Background(), email); err != nil {
			slog.Error("notice failed", "err", err)
		}
	}()
	w.WriteHeader(http.StatusCreated)
}

func (h *Handler) Start(ctx context.Context) {
	go h.queue.Run(ctx)
}

func ReadHeader(path string) ([]string, error) {
	f, err := os.Open(path) // expect: GO-RESOURCE-HELD-ON-RETURN
	if err != nil {
		return nil, err
	}
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		return nil, err
	}
	f.Close()
	if len(header) == 0 {
		return nil, errors.New("empty header")
	}
	return header, nil
}
