// want: GO-DEFER-ERR-OVERWRITE
package archive

func (w *Writer) WriteSnapshot(path string, snap *Snapshot) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		err = f.Close()
	}()
	return gob.NewEncoder(f).Encode(snap)
}
