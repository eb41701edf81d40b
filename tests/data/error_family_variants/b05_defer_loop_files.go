// want: GO-DEFER-IN-LOOP
package svc

func hashAll(paths []string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		h := sha256.New()
		if _, err := io.Copy(h, f); err != nil {
			return nil, err
		}
		out[p] = hex.EncodeToString(h.Sum(nil))
	}
	return out, nil
}
