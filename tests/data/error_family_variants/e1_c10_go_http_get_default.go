// want: GO-HTTP-NO-TIMEOUT
package geo

func (g *Geocoder) Lookup(address string) (*Point, error) {
	resp, err := http.Get(g.baseURL + "/geocode?q=" + url.QueryEscape(address))
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("geocode: status %d", resp.StatusCode)
	}
	var p Point
	return &p, json.NewDecoder(resp.Body).Decode(&p)
}
