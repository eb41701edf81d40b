// want: GO-HTTP-NO-TIMEOUT
package webhooks

func NewSender(signingKey []byte) *Sender {
	return &Sender{
		key: signingKey,
		client: &http.Client{
			Transport: &http.Transport{MaxIdleConnsPerHost: 20},
		},
	}
}
