// clean: GO-ERR-UNCHECKED
package svc

func writeCSV(f *os.File, rows [][]string) error {
	cw := csv.NewWriter(f)
	for _, r := range rows {
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
