package svc

func Get(ctx context.Context, client *http.Client, url string, out any) error {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil) // expect: GO-ERR-DISCARDED
	resp, err := client.Do(req) // expect: GO-HTTP-STATUS-UNCHECKED
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(out)
}

func Checked(url string, out any) error {
	resp, err := http.Get(url) // expect: GO-HTTP-NO-TIMEOUT
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

func Handed(url string, out any) error {
	resp, err := http.Get(url) // expect: GO-HTTP-NO-TIMEOUT
	if err != nil {
		return err
	}
	return decode(resp, out)
}

func Verify(client *http.Client, form url.Values) error {
	resp, err := client.PostForm(verifyURL, form)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var r verdict
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		return err
	}
	if !r.Success {
		return errors.New("not verified")
	}
	return nil
}
