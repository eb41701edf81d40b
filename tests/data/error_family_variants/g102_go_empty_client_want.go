// want: GO-HTTP-NO-TIMEOUT
package notify

import (
	"bytes"
	"net/http"
)

type Pusher struct {
	hc  *http.Client
	url string
}

func NewPusher(url string) *Pusher {
	return &Pusher{hc: &http.Client{}, url: url}
}

func (p *Pusher) Push(body []byte) error {
	resp, err := p.hc.Post(p.url, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
