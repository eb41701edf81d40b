// clean: GO-DEFER-IN-LOOP
package svc

func hashAll(paths []string) (map[string]string, error) {
	out := map[string]string{}
	for _, p := range paths {
		err := func() error {
			f, err := os.Open(p)
			if err != nil {
				return err
			}
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err != nil {
				return err
			}
			out[p] = hex.EncodeToString(h.Sum(nil))
			return nil
		}()
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
