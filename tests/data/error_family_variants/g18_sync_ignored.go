// want: GO-ERR-UNCHECKED
package svc

func (j *Journal) Append(rec []byte) error {
	if _, err := j.f.Write(rec); err != nil {
		return err
	}
	j.f.Sync()
	return nil
}
