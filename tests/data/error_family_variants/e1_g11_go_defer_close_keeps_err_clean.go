// clean: GO-DEFER-ERR-OVERWRITE (the close error is kept only when nothing failed before it)
package archive

func (w *Writer) WriteSnapshot(path string, snap *Snapshot) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	return gob.NewEncoder(f).Encode(snap)
}
