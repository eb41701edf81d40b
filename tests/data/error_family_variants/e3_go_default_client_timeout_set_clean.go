// clean: GO-HTTP-NO-TIMEOUT (the program gives the default client a timeout at start-up)
package main

import (
	"net/http"
	"time"
)

func main() {
	http.DefaultClient.Timeout = 10 * time.Second
	fetcher := &Fetcher{Client: http.DefaultClient}
	run(fetcher)
}
