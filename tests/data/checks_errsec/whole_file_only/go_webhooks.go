package webhooks

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
)

type Receiver struct {
	signingSecret []byte
	orders        Orders
}

// CarrierWebhook receives parcel events from the carrier.
func (rc *Receiver) CarrierWebhook(w http.ResponseWriter, r *http.Request) {
	var ev Event
	if err := json.NewDecoder(r.Body).Decode(&ev); err != nil { // expect: GO-WEBHOOK-UNVERIFIED
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	rc.orders.Advance(r.Context(), ev.Order, ev.State)
	w.WriteHeader(http.StatusNoContent)
}

// PaymentWebhook receives the processor's events, signed with the shared secret.
func (rc *Receiver) PaymentWebhook(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "read error", http.StatusBadRequest)
		return
	}
	mac := hmac.New(sha256.New, rc.signingSecret)
	mac.Write(body)
	got, err := hex.DecodeString(r.Header.Get("X-Payment-Signature"))
	if err != nil || !hmac.Equal(mac.Sum(nil), got) {
		http.Error(w, "bad signature", http.StatusUnauthorized)
		return
	}
	var ev Event
	if err := json.Unmarshal(body, &ev); err != nil {
		http.Error(w, "bad payload", http.StatusBadRequest)
		return
	}
	rc.orders.Paid(r.Context(), ev.Order)
	w.WriteHeader(http.StatusNoContent)
}
