// want: GO-HTTP-BODY-UNCLOSED
package svc

func ping(url string) (bool, error) {
	resp, err := http.Get(url)
	if err != nil {
		return false, err
	}
	return resp.StatusCode == http.StatusOK, nil
}
