// want: GO-ERR-UNCHECKED
package svc

func writeReport(path string, rows []Row) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for _, r := range rows {
		if _, err := fmt.Fprintf(w, "%s,%d\n", r.Name, r.Count); err != nil {
			return err
		}
	}
	w.Flush()
	return f.Close()
}
