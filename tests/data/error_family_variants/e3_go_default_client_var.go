// want: GO-HTTP-NO-TIMEOUT
package billing

import "net/http"

func newInvoiceFetcher(base string) *invoiceFetcher {
	client := http.DefaultClient
	return &invoiceFetcher{client: client, base: base}
}
