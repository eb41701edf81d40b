// clean: GO-HTTP-NO-TIMEOUT (the client has an overall timeout)
package webhooks

func NewSender(signingKey []byte) *Sender {
	return &Sender{
		key: signingKey,
		client: &http.Client{
			Timeout:   10 * time.Second,
			Transport: &http.Transport{MaxIdleConnsPerHost: 20},
		},
	}
}
