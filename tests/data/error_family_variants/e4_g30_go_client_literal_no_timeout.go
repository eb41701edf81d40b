// want: GO-HTTP-NO-TIMEOUT
package rates

import (
	"io"
	"net/http"
)

var client = &http.Client{}

func Latest(base string) ([]byte, error) {
	resp, err := client.Get("https://rates.example.com/v1/latest?base=" + base)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
