// clean: GO-HTTP-NO-TIMEOUT (a library falls back to the default client only when its caller passes none)
package sdk

import "net/http"

type Client struct {
	http *http.Client
	base string
}

func New(base string, httpClient *http.Client) *Client {
	if httpClient == nil {
		httpClient = http.DefaultClient
	}
	return &Client{http: httpClient, base: base}
}

func (o *Options) client() *http.Client {
	if o.HTTPClient != nil {
		return o.HTTPClient
	}
	return http.DefaultClient
}
